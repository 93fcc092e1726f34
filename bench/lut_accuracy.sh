#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue #21: does a LUT measured here predict whole networks here? For each space and thread
# count: measure every block (`dnas lut measure`, timed), calibrate on 30 whole nets
# (`dnas lut calibrate`, timed), then check on N held-out random nets (`dnas lut check`, seed 1,
# which calibration's seed 101 does not draw) both raw and calibrated. Prints one line per
# table: share within ±10 %, median and p90 error, Kendall tau, noise floor, retest tau (the two
# timing passes ranked against each other: what the machine itself can rank), and the machine's
# drift (the LUT's anchor net timed beside the nets / as stored with the blocks, and its spread
# within the check); then the same table's figures with the LUT's sums times that drift
# ("x drift": the table's own error at the speed the machine had during the check), and the
# seconds of each step, and how far the same nets moved between the two checks (the machine's
# floor between steps). The calibration divides its whole-net timings by the drift it measures.
# Everything goes to a temporary folder (the user's LUT cache is never touched).
#
#   bench/lut_accuracy.sh [DNAS] [N] [SPACES] [THREADS]
#   bench/lut_accuracy.sh build/app/dnas 100 "fbnet-fmnist fbnet-cifar" "1 2"
#   REPEATS=100 bench/lut_accuracy.sh ...   # timed runs per checked net (lut check --repeats)
#   PASSES=8 bench/lut_accuracy.sh ...      # interleaved passes over the nets (lut check --passes)
#   KEEP=DIR bench/lut_accuracy.sh ...      # also keep each table and its JSON reports in DIR,
#                                           # to try other corrections on the same timings offline
#
# Run it on idle cores: a timing taken beside other work measures the other work.
set -eu
DNAS=${1:-build/app/dnas}
N=${2:-100}
SPACES=${3:-fbnet-fmnist fbnet-cifar}
THREADS=${4:-1 2}
# Empty: lut check's own default. More repeats lower the measured side's noise, which is what
# bounds Kendall tau among random nets that lie within a few per cent of each other.
CHECK_OPTIONS="${REPEATS:+--repeats $REPEATS} ${PASSES:+--passes $PASSES}"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export OMP_WAIT_POLICY=PASSIVE

summary() { # check.json label
    /usr/bin/python3 - "$1" "$2" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
pct = lambda v: "-" if v is None else "%.1f %%" % (100 * v)
num = lambda v: "-" if v is None else "%.3f" % v
d = r.get("drift", {})
drift = "%s (spread %s)" % (num(d.get("factor")), pct(d.get("spread"))) \
    if d.get("status") == "measured" else "- (%s)" % d.get("reason", "no anchor")
line = "| %s | %d | %s | %s | %s | %s | %s | %s | %s |"
print(line % (sys.argv[2], len(r["archs"]), pct(r["share_within_10pct"]),
              pct(r["median_rel_err"]), pct(r["p90_rel_err"]), num(r["kendall_tau"]),
              pct(r["noise_floor"]), num(r.get("retest_tau")), drift))
c = d.get("corrected")
if c:
    print(line % (sys.argv[2] + " x drift", len(r["archs"]), pct(c["share_within_10pct"]),
                  pct(c["median_rel_err"]), pct(c["p90_rel_err"]), num(c["kendall_tau"]),
                  pct(r["noise_floor"]), num(r.get("retest_tau")), num(d.get("factor"))))
PY
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| space, threads, table | nets | within ±10 % | median err | p90 err | Kendall tau | noise floor | retest tau | drift |"
echo "|---|---|---|---|---|---|---|---|---|"
for space in $SPACES; do
    for t in $THREADS; do
        lut="$WORK/$space-t$t.lut.json"
        s0=$(date +%s.%N)
        "$DNAS" lut measure "$space" -o "$lut" --threads "$t" >/dev/null 2>&1
        s1=$(date +%s.%N)
        "$DNAS" lut calibrate "$space" --lut "$lut" --threads "$t" --json \
            >"$WORK/calibration.json" 2>/dev/null
        s2=$(date +%s.%N)
        "$DNAS" lut check "$space" --lut "$lut" --threads "$t" --archs "$N" --raw --json $CHECK_OPTIONS \
            >"$WORK/raw.json" 2>/dev/null
        "$DNAS" lut check "$space" --lut "$lut" --threads "$t" --archs "$N" --json $CHECK_OPTIONS \
            >"$WORK/cal.json" 2>/dev/null
        if [ -n "${KEEP:-}" ]; then
            mkdir -p "$KEEP"
            cp "$lut" "$KEEP/"
            for f in "$WORK/calibration.json" "$WORK/raw.json" "$WORK/cal.json"; do
                cp "$f" "$KEEP/$space-t$t-$(basename "$f")"
            done
        fi
        summary "$WORK/raw.json" "$space, $t thread(s), blocks as measured"
        summary "$WORK/cal.json" "$space, $t thread(s), calibrated"
        awk -v a="$s0" -v b="$s1" -v c="$s2" -v n="$space, $t thread(s)" \
            'BEGIN { printf "| %s: measure %.1f s, calibrate %.1f s | | | | | | | | |\n", n, b - a, c - b }'
        /usr/bin/python3 - "$WORK/calibration.json" "$space, $t thread(s)" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
print("| %s: calibration drift %.3f (timings divided by it), before -> after on its nets: "
      "median %.1f -> %.1f %% | | | | | | | | |" % (sys.argv[2], c.get("drift", 1.0),
      100 * c["before"]["median_rel_err"], 100 * c["after"]["median_rel_err"]))
PY
        /usr/bin/python3 - "$WORK/raw.json" "$WORK/cal.json" "$space, $t thread(s)" <<'PY'
import json, sys
# The same N nets, timed whole by the two checks a minute or two apart: how far this machine
# moves between two steps, the floor under a table measured in one step and checked in another.
first, second = (json.load(open(f)) for f in sys.argv[1:3])
before = {a["arch"]: a["measured_ms"] for a in first["archs"]}
moved = sorted(abs(a["measured_ms"] / before[a["arch"]] - 1) for a in second["archs"])
within = sum(m <= 0.10 for m in moved) / len(moved)
print("| %s: the same nets in the two checks: %.1f %% within ±10 %% of each other, median %.1f %% "
      "apart | | | | | | | | |" % (sys.argv[3], 100 * within, 100 * moved[len(moved) // 2]))
PY
    done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
