#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue #8: images/s of `dnas search` with 1 and with 2 data-parallel processes (--nproc) on the
# default study (fmnist, fbnet-fmnist space) with a small --limit, alternating A and B so a
# shared machine's swings hit both (docs/architecture.md §9). Prints each run, the medians, the
# ratio, and the load average around every run.
#
#   bench/dist_search_bench.sh [DNAS] [ROUNDS] [LIMIT]
#
# DNAS defaults to build/app/dnas. The cost model is MACs (--cost macs), so the run never
# measures a LUT first; the cost model does not change the step's work. Both variants use
# the same global batch (128, the study's) and the same cores in total: 1 process with all
# threads, or 2 processes with half each.
set -eu
DNAS=${1:-build/app/dnas}
ROUNDS=${2:-3}
LIMIT=${3:-2000}
CORES=$(nproc)
HALF=$(( CORES / 2 > 0 ? CORES / 2 : 1 ))
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# images/s of the search steps: images over step seconds, summed over the epoch lines.
rate() {
    /usr/bin/python3 - "$1/metrics.jsonl" <<'PY'
import json, sys
images = seconds = 0.0
for line in open(sys.argv[1]):
    j = json.loads(line)
    if j.get("type") == "epoch":
        images += j["images_per_s"] * j["seconds"]
        seconds += j["seconds"]
print(f"{images / seconds:.1f}")
PY
}

run() { # name nproc threads
    out="$WORK/$1-$round"
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    start=$(date +%s.%N)
    OMP_NUM_THREADS=$3 "$DNAS" search fmnist --cost macs --limit "$LIMIT" --epochs 2 \
        --warmup 1 --threads "$3" --nproc "$2" --out "$out" > "$WORK/log" 2>&1 ||
        { cat "$WORK/log"; exit 1; }
    wall=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
    r=$(rate "$out")
    echo "$1 round $round: $r images/s (steps), wall $wall s, load before: $load"
    echo "$r" >> "$WORK/$1.rates"
}

echo "dnas search fmnist --cost macs --limit $LIMIT --epochs 2 --warmup 1 (batch 128), $CORES cores"
for round in $(seq 1 "$ROUNDS"); do
    run one 1 "$CORES"
    run two 2 "$HALF"
done
median() { sort -g "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
one=$(median "$WORK/one.rates")
two=$(median "$WORK/two.rates")
echo "median images/s: 1 process $one, 2 processes $two, ratio 2/1 $(awk -v a="$one" -v b="$two" 'BEGIN { printf "%.2f", b / a }')"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
