#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue #24: does a second machine speed the search up? Two emulated hosts on this machine:
# two network namespaces joined by a veth pair, one rank in each, each pinned to its own core
# with one thread, against one rank pinned to one core; same global batch and seed.
# For each space (fbnet-fmnist, fbnet-cifar) and mode (faithful; fast = the default study's
# two-path with shared kernels) it prints images/s of 1 and 2 ranks and their ratio, with
# batch norm global (SyncBatchNorm) and local (per rank), the collectives and bytes per step
# from the search's own counter (metrics.jsonl), and the step time they would add at 0.2 ms and
# 1 ms round trip: calls per step x round trip + bytes per step over BANDWIDTH_GBIT, added to
# the measured 2-rank step. The cost of one all-reduce over the veth is measured too.
#
#   sudo bench/dist_scaling.sh            (root: ip netns; about 6 min on 2 idle cores)
#
# Environment (defaults): DNAS (build/app/dnas), ALLREDUCE_BENCH
# (build/bench/dist_allreduce_bench), SPACES ("fbnet-fmnist fbnet-cifar"), MODES ("faithful
# fast"), BNS ("global local"), BATCH (128), images per run (--limit; 80 % w steps, 20 % θ):
# FMNIST_LIMIT (1280), FAITHFUL_FMNIST_LIMIT (640), CIFAR_LIMIT (640), FAITHFUL_CIFAR_LIMIT
# (640); keep the θ split (20 %) at least one global batch, so that it shards evenly; larger
# limits give steadier figures and take longer, CORES ("0 1": rank 0's core, rank 1's core; 1 rank uses the
# first), RUN_TIMEOUT (180 s per run), FMNIST_DIR (/usr/share/datasets/fashion-mnist),
# CIFAR_DIR (a CIFAR-100 binary folder; unset: synthetic images, which time the same),
# BANDWIDTH_GBIT (10). Everything it creates (namespaces, veths, temp folder, processes) it
# removes on exit, and every run has a timeout.
set -euo pipefail
DNAS=${DNAS:-build/app/dnas}
ALLREDUCE_BENCH=${ALLREDUCE_BENCH:-build/bench/dist_allreduce_bench}
SPACES=${SPACES:-"fbnet-fmnist fbnet-cifar"}
MODES=${MODES:-"faithful fast"}
BNS=${BNS:-"global local"}
BATCH=${BATCH:-128}
FMNIST_LIMIT=${FMNIST_LIMIT:-1280}
FAITHFUL_FMNIST_LIMIT=${FAITHFUL_FMNIST_LIMIT:-640}
CIFAR_LIMIT=${CIFAR_LIMIT:-640}
FAITHFUL_CIFAR_LIMIT=${FAITHFUL_CIFAR_LIMIT:-640}
RUN_TIMEOUT=${RUN_TIMEOUT:-180}
FMNIST_DIR=${FMNIST_DIR:-/usr/share/datasets/fashion-mnist}
BANDWIDTH_GBIT=${BANDWIDTH_GBIT:-10}
read -r CORE0 CORE1 <<< "${CORES:-0 1}"
PY=/usr/bin/python3

[ "$(id -u)" = 0 ] || { echo "dist_scaling.sh: needs root (ip netns)" >&2; exit 2; }
for tool in ip taskset timeout "$PY"; do
    command -v "$tool" > /dev/null || { echo "dist_scaling.sh: $tool not found" >&2; exit 2; }
done
[ -x "$DNAS" ] || { echo "dist_scaling.sh: no $DNAS (build target dnas)" >&2; exit 2; }
[ -x "$ALLREDUCE_BENCH" ] || { echo "dist_scaling.sh: no $ALLREDUCE_BENCH" >&2; exit 2; }
DNAS=$(realpath "$DNAS")
ALLREDUCE_BENCH=$(realpath "$ALLREDUCE_BENCH")

# Unique names (interface names are at most 15 characters).
TAG=$$
NS_A=dnas-a-$TAG
NS_B=dnas-b-$TAG
IF_A=dva$TAG
IF_B=dvb$TAG
ADDR_A=10.77.0.1
ADDR_B=10.77.0.2
PORT=29577
WORK=$(mktemp -d /tmp/dnas-dist-scaling.XXXXXX)
PIDS=()

cleanup() {
    for pid in "${PIDS[@]:-}"; do
        [ -n "$pid" ] && kill "$pid" 2> /dev/null || true
    done
    ip link del "$IF_A" 2> /dev/null || true
    ip netns del "$NS_A" 2> /dev/null || true
    ip netns del "$NS_B" 2> /dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ip netns add "$NS_A"
ip netns add "$NS_B"
ip link add "$IF_A" netns "$NS_A" type veth peer name "$IF_B" netns "$NS_B"
ip -n "$NS_A" addr add "$ADDR_A/24" dev "$IF_A"
ip -n "$NS_B" addr add "$ADDR_B/24" dev "$IF_B"
for ns in "$NS_A" "$NS_B"; do ip -n "$ns" link set lo up; done
ip -n "$NS_A" link set "$IF_A" up
ip -n "$NS_B" link set "$IF_B" up

# Synthetic CIFAR-100 (binary version: 2 label bytes + 3072 pixels per record) unless given.
if [ -z "${CIFAR_DIR:-}" ]; then
    CIFAR_DIR=$WORK/cifar-100-binary
    mkdir -p "$CIFAR_DIR"
    "$PY" - "$CIFAR_DIR" <<'PY'
import os, random, sys
random.seed(1)
for name, n in (("train.bin", 6000), ("test.bin", 500)):
    with open(os.path.join(sys.argv[1], name), "wb") as f:
        for _ in range(n):
            f.write(bytes([random.randrange(20), random.randrange(100)]) + os.urandom(3072))
PY
fi

study() { # space -> study file without evaluation work (no samples, a small eval slice)
    local space=$1 kind path
    case $space in
    fbnet-cifar) kind=cifar100 path=$CIFAR_DIR ;;
    *) kind=idx path=$FMNIST_DIR ;;
    esac
    cat > "$WORK/$space.study.json" << JSON
{"format": "dnas-study/1", "name": "scaling-$space", "space": "$space",
 "dataset": {"kind": "$kind", "path": "$path"}, "cost": {"kind": "macs"},
 "settings": {"epochs": 1, "warmup_epochs": 0, "batch_size": $BATCH, "seed": 1,
              "samples_per_epoch": 0, "eval_limit": 64, "threads": 1}, "runs": []}
JSON
    echo "$WORK/$space.study.json"
}

limit_for() { # space mode
    case $1/$2 in
    fbnet-cifar/faithful) echo "$FAITHFUL_CIFAR_LIMIT" ;;
    fbnet-cifar/*) echo "$CIFAR_LIMIT" ;;
    */faithful) echo "$FAITHFUL_FMNIST_LIMIT" ;;
    *) echo "$FMNIST_LIMIT" ;;
    esac
}

mode_args() {
    case $1 in
    faithful) echo "--mode faithful --share-kernels no" ;;
    fast) echo "--mode two-path --share-kernels yes" ;;
    esac
}

# images/s over the steps (the first step of each phase left out: allocator warm-up), the
# collectives and bytes per step averaged over all steps, the last epoch's θ-split loss and the
# delivered architecture, from rank 0's run folder.
summarise() {
    "$PY" - "$1" "$BATCH" <<'PY'
import json, os, sys
steps = {}
calls = bytes_ = counted = 0.0
val_loss = float("nan")
for line in open(os.path.join(sys.argv[1], "metrics.jsonl")):
    j = json.loads(line)
    if j.get("type") == "step":
        steps.setdefault(j["phase"], []).append(j["images_per_s"])
    elif j.get("type") == "epoch":
        val_loss = j["val_loss"]
        for c in (j.get("collectives") or {}).values():
            calls += c["calls_per_step"] * c["steps"]
            bytes_ += c["bytes_per_step"] * c["steps"]
            counted += c["steps"]
inv = [1.0 / r for rates in steps.values() for r in rates[1:]] or \
      [1.0 / r for rates in steps.values() for r in rates]
rate = len(inv) / sum(inv)
c = calls / counted if counted else 0.0
b = bytes_ / counted if counted else 0.0
arch = json.load(open(os.path.join(sys.argv[1], "final", "arch.json")))["arch"]
print(f"{rate:.2f} {c:.1f} {b:.0f} {val_loss:.4f} {arch}")
PY
}

run_one() { # space mode -> "rate calls bytes"
    local out=$WORK/one-$1-$2
    # shellcheck disable=SC2046
    OMP_NUM_THREADS=1 timeout "$RUN_TIMEOUT" taskset -c "$CORE0" "$DNAS" search \
        "$(study "$1")" $(mode_args "$2") --limit "$(limit_for "$1" "$2")" --threads 1 \
        --out "$out" > "$out.log" 2>&1 || { tail -5 "$out.log" >&2; return 1; }
    summarise "$out"
}

run_two() { # space mode bn -> "rate calls bytes"
    local out=$WORK/two-$1-$2-$3 s pids=() rc=0
    s=$(study "$1")
    PORT=$((PORT + 1))
    for rank in 0 1; do
        local ns=$NS_A ifname=$IF_A core=$CORE0
        [ "$rank" = 1 ] && ns=$NS_B ifname=$IF_B core=$CORE1
        # shellcheck disable=SC2046
        ip netns exec "$ns" env GLOO_SOCKET_IFNAME="$ifname" OMP_NUM_THREADS=1 \
            timeout "$RUN_TIMEOUT" taskset -c "$core" "$DNAS" search "$s" $(mode_args "$2") \
            --limit "$(limit_for "$1" "$2")" --threads 1 --dist-batch-norm "$3" \
            --rank "$rank" --world-size 2 --master "$ADDR_A:$PORT" --dist-timeout 30 \
            --out "$out" > "$out.$rank.log" 2>&1 &
        pids+=($!)
        PIDS+=($!)
    done
    for pid in "${pids[@]}"; do wait "$pid" || rc=1; done
    [ "$rc" = 0 ] || { tail -5 "$out".*.log >&2; return 1; }
    summarise "$out"
}

allreduce_us() { # mean µs of one 64-float all-reduce between the namespaces
    PORT=$((PORT + 1))
    ip netns exec "$NS_B" env GLOO_SOCKET_IFNAME="$IF_B" timeout 60 taskset -c "$CORE1" \
        "$ALLREDUCE_BENCH" --rank 1 --world-size 2 --master "$ADDR_A:$PORT" > /dev/null &
    PIDS+=($!)
    ip netns exec "$NS_A" env GLOO_SOCKET_IFNAME="$IF_A" timeout 60 taskset -c "$CORE0" \
        "$ALLREDUCE_BENCH" --rank 0 --world-size 2 --master "$ADDR_A:$PORT" |
        "$PY" -c 'import json, sys; print("%.1f" % json.load(sys.stdin)["us_per_call"])'
    wait
}

START=$(date +%s)
echo "dist_scaling: 1 rank on core $CORE0 vs 2 ranks on cores $CORE0,$CORE1 in two namespaces" \
    "over a veth; batch $BATCH (global), 1 thread per rank, --cost macs, 1 epoch, no warm-up"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
AR_US=$(allreduce_us) || { echo "the all-reduce over the veth failed" >&2; exit 1; }
echo "one all-reduce of 64 floats over the veth: $AR_US us"
echo
printf '%-12s %-8s %-6s %8s %8s %6s %8s %8s %8s %8s %8s %8s %8s %s\n' space mode bn \
    "1r img/s" "2r img/s" ratio "calls/st" "MB/step" "veth ms" "+ms@.2" "+ms@1" "x@0.2ms" \
    "x@1ms" "val loss 1r/2r, same net"
for space in $SPACES; do
    for mode in $MODES; do
        res=$(run_one "$space" "$mode") || { echo "1-rank $space $mode failed" >&2; exit 1; }
        read -r one _ _ loss1 arch1 <<< "$res"
        for bn in $BNS; do
            res=$(run_two "$space" "$mode" "$bn") ||
                { echo "2-rank $space $mode $bn failed" >&2; exit 1; }
            read -r two calls bytes loss2 arch2 <<< "$res"
            "$PY" - "$space" "$mode" "$bn" "$loss1" "$loss2" "$arch1" "$arch2" "$one" "$two" \
                "$calls" "$bytes" "$BATCH" "$BANDWIDTH_GBIT" "$AR_US" <<'PY'
import sys
space, mode, bn, loss1, loss2, arch1, arch2 = sys.argv[1:8]
one, two, calls, nbytes, batch, gbit, ar_us = map(float, sys.argv[8:])
step2 = batch / two  # s per global step with 2 ranks, as measured over the veth
def added(rtt_ms):
    # each 2-rank all-reduce pays one more round trip; the bytes cross the link once
    return calls * rtt_ms / 1000.0 + nbytes * 8.0 / (gbit * 1e9)
def ratio(rtt_ms):
    return (batch / (step2 + added(rtt_ms))) / one
same = "same" if arch1 == arch2 else "differs"
print(f"{space:12s} {mode:8s} {bn:6s} {one:8.1f} {two:8.1f} {two / one:6.2f} {calls:8.1f} "
      f"{nbytes / 1e6:8.2f} {calls * ar_us / 1000.0:8.1f} {added(0.2) * 1000:8.1f} "
      f"{added(1.0) * 1000:8.1f} {ratio(0.2):7.2f}x {ratio(1.0):7.2f}x {loss1}/{loss2}, {same}")
PY
        done
    done
done
echo
echo "calls/st, MB/step: collectives and bytes per step (the search's counter, rank 0); veth ms:"
echo "calls x one all-reduce over the veth; +ms@.2/+ms@1: what a 0.2 ms / 1 ms round trip adds"
echo "to a 2-rank step (a round trip per all-reduce, the bytes over ${BANDWIDTH_GBIT} Gbit/s);"
echo "x@0.2ms/x@1ms: the 2-rank/1-rank ratio with that added; same net: the 2-rank run's"
echo "delivered architecture equals the 1-rank run's (after this short run: a smoke check only)."
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); total $(($(date +%s) - START)) s"
