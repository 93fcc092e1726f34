#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Do a run's one-shot scores rank retrained nets? The cheap yardstick for supernet training.

search_quality.py retrains every net it judges, hours of CPU. Once it has, its state.json holds
proxy accuracies of fixed architectures, and any later run of the same space can be judged
against them in a minute: score those architectures one-shot on the run's supernet (`dnas
sample RUN --arch ...`) and print Kendall tau against each stored proxy set, beside the proxy's
own seed-to-seed tau (the ceiling: no score can rank better than the proxy ranks itself).

  bench/oneshot_tau.py RUN [RUN ...] [--dnas build/app/dnas]
      [--sets bench/results/search-quality-5ep/state.json,bench/results/search-quality/state.json]

Prints one line per run and set, and with --json the scores too.
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SETS = ",".join(os.path.join(HERE, "results", d, "state.json")
                        for d in ("search-quality-5ep", "search-quality"))
sys.path.insert(0, HERE)
from search_quality import Bench  # noqa: E402  (its Kendall tau-b, one definition)


def load_set(path):
    """The set's proxy accuracies, its seed-to-seed tau and its groups of random nets of one
    cost (each search's equal-cost draws)."""
    with open(path) as f:
        st = json.load(f)
    proxy = {a: r["accuracy"] for a, r in st["proxy"].items()}
    # (a "-spread" set is nets of any cost, not one)
    groups = [[x["arch"] for x in scored if x["kind"] == "random" and x["arch"] in proxy]
              for key, scored in st.get("scores", {}).items() if not key.endswith("-spread")]
    ceiling = None
    for table in st.get("noise", {}).values():
        common = [a for a in table if a in proxy]
        if len(common) >= 3:
            ceiling = Bench.kendall([proxy[a] for a in common],
                                    [table[a]["accuracy"] for a in common])
    return proxy, ceiling, [g for g in groups if len(g) >= 3]


def one_shot(dnas, run, archs, finetune, finetune_lr):
    args = [dnas, "sample", run, "--json"]
    if finetune:
        args += ["--finetune", str(finetune)]
    if finetune_lr:
        args += ["--finetune-lr", str(finetune_lr)]
    for a in archs:
        args += ["--arch", a]
    r = subprocess.run(args, capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit("failed: %s\n%s" % (" ".join(args[:4]), r.stderr))
    return {s["arch"]: s.get("fine_tuned", s["accuracy"]) for s in json.loads(r.stdout)["samples"]}


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("runs", nargs="+", help="run folders (their last checkpoint is scored)")
    p.add_argument("--dnas", default="build/app/dnas")
    p.add_argument("--sets", default=DEFAULT_SETS, help="search_quality state.json files, comma-separated")
    p.add_argument("--finetune", type=int, default=0,
                   help="score after this many steps of each net's own training (dnas sample --finetune)")
    p.add_argument("--finetune-lr", type=float, default=0.0)
    p.add_argument("--json", action="store_true")
    a = p.parse_args()
    sets = {path: load_set(path) for path in a.sets.split(",")}
    archs = sorted({arch for proxy, _, _ in sets.values() for arch in proxy})
    out = []
    for run in a.runs:
        scores = one_shot(a.dnas, run, archs, a.finetune, a.finetune_lr)
        for path, (proxy, ceiling, groups) in sets.items():
            common = [x for x in proxy if x in scores]
            tau = Bench.kendall([scores[x] for x in common], [proxy[x] for x in common])
            # What a search must get right: the order among nets of one cost.
            within = [Bench.kendall([scores[x] for x in g], [proxy[x] for x in g]) for g in groups]
            within = sum(within) / len(within) if within else None
            # What a finalists stage made of each group would deliver: the best-scored net's
            # proxy rank in its group (1 = the group's best; a random pick averages (n + 1) / 2).
            picks = []
            for g in groups:
                pick = max(g, key=lambda x: scores[x])
                picks.append("%d/%d" % (1 + sum(proxy[x] > proxy[pick] for x in g), len(g)))
            name = os.path.basename(os.path.dirname(path))
            print("%s | %s | %d nets | one-shot tau %.3f | within one cost %s (%d groups) | "
                  "best-scored net's proxy rank per group %s | proxy seed-to-seed tau %s" % (
                      run, name, len(common), tau, "%.3f" % within if within is not None else "-",
                      len(groups), " ".join(picks) or "-",
                      "%.3f" % ceiling if ceiling is not None else "-"), flush=True)
            out.append({"run": run, "set": name, "nets": len(common), "tau": tau,
                        "tau_within_cost": within, "pick_ranks": picks, "ceiling": ceiling,
                        "scores": {x: scores[x] for x in common}})
    if a.json:
        print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
