#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""How many rounds should `dnas lut measure` time its blocks in? (issue #21)

For each rounds value, measures K tables of one space at one thread count (the values
alternated, so a slow spell of the machine does not land on one of them), then ranks the 100
nets of a kept `lut_accuracy.sh` check by each table's sum and prints two Kendall τ per value:

  table vs table   two tables measured the same way, against each other: how well the
                   measurement repeats itself (1.0: the same ranking every time)
  table vs nets    each table against the nets' own whole-net timings (the lowest of the two
                   kept checks), bounded by how well those timings repeat (their retest τ)

  KEEP=DIR bench/lut_accuracy.sh ...      # once, for the nets and their timings
  bench/lut_rounds.py DIR [--dnas build/app/dnas] [--space fbnet-fmnist] [--threads 1]
                          [--rounds 1,5,10] [--tables 3] [--out WORKDIR]

Tables already in WORKDIR are reused (the benchmark resumes). Run it on idle cores.
"""
import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from search_quality import Bench  # noqa: E402  (its Kendall tau-b, one definition)


def cells(dnas, space, table, threads, candidates):
    """Per (layer, op) µs and the fixed parts' µs of `table`, one `dnas cost` call per op: a net
    with that op wherever the layer has it gives all its cells at once."""
    per, fixed = {}, 0.0
    for op in sorted(set().union(*candidates)):
        arch = "-".join(op if op in c else sorted(c)[0] for c in candidates)
        out = json.loads(subprocess.run(
            [dnas, "cost", space, "--arch", arch, "--lut", table, "--json",
             "--threads", str(threads)], capture_output=True, text=True, check=True).stdout)
        fixed = 0.0
        for row in out["layers"]:
            if not row["part"].isdigit():
                fixed += row["latency_us"]
            elif op in candidates[int(row["part"])]:
                per[(int(row["part"]), op)] = row["latency_us"]
    return per, fixed


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("keep")
    ap.add_argument("--dnas", default="build/app/dnas")
    ap.add_argument("--space", default="fbnet-fmnist")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--rounds", default="1,5,10")
    ap.add_argument("--tables", type=int, default=3)
    ap.add_argument("--out", default=None)
    a = ap.parse_args()
    rounds = [int(r) for r in a.rounds.split(",")]
    work = a.out or tempfile.mkdtemp(prefix="lut-rounds-")
    os.makedirs(work, exist_ok=True)

    timed = {}
    for report in ("raw", "cal"):
        path = os.path.join(a.keep, f"{a.space}-t{a.threads}-{report}.json")
        for net in json.load(open(path))["archs"]:
            timed.setdefault(net["arch"], []).append(net["measured_ms"])
    archs = sorted(k for k, v in timed.items() if len(v) == 2)
    candidates = [set(n.split("-")[i] for n in archs) for i in range(len(archs[0].split("-")))]
    nets = [min(timed[n]) for n in archs]
    retest = Bench.kendall([timed[n][0] for n in archs], [timed[n][1] for n in archs])
    print(f"{a.space}, {a.threads} thread(s): {len(archs)} nets, their two checks' retest τ "
          f"{retest:.3f}; load before {open('/proc/loadavg').read().split()[0]}")

    tables = {r: [] for r in rounds}
    for k in range(a.tables):
        for r in rounds:
            path = os.path.join(work, f"{a.space}-t{a.threads}-r{r}-k{k}.lut.json")
            if not os.path.exists(path):
                log = subprocess.run([a.dnas, "lut", "measure", a.space, "-o", path + ".tmp",
                                      "--threads", str(a.threads), "--rounds", str(r)],
                                     capture_output=True, text=True, check=True).stdout
                os.replace(path + ".tmp", path)
                print(f"  measured rounds {r}, table {k + 1}: {log.strip().splitlines()[0]}")
            tables[r].append(path)

    print("| rounds | table vs table τ (mean, min) | table vs nets τ (mean, each) |")
    print("|---|---|---|")
    for r in rounds:
        sums = []
        for t in tables[r]:
            per, fixed = cells(a.dnas, a.space, t, a.threads, candidates)
            sums.append([fixed + sum(per[(i, op)] for i, op in enumerate(n.split("-")))
                         for n in archs])
        pairs = [Bench.kendall(p, q) for p, q in itertools.combinations(sums, 2)]
        vs = [Bench.kendall(s, nets) for s in sums]
        pair = f"{sum(pairs) / len(pairs):.3f}, {min(pairs):.3f}" if pairs else "-"
        print(f"| {r} | {pair} | {sum(vs) / len(vs):.3f} ({', '.join('%.3f' % v for v in vs)}) |")


if __name__ == "__main__":
    main()
