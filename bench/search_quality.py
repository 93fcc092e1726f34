#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Does the search find something? The yardstick of issue #20, one command.

For a study and a set of latency targets (default: the 15th, 50th and 85th percentiles of the
LUT cost of uniformly random nets, `dnas search --target-quantile`, plus the study as shipped), it
  1. runs the search per target and seed (wall time, final entropy / ln K per layer, E[cost] per
     epoch),
  2. draws N architectures uniformly from the space within +-5 % of the found net's LUT cost
     (`dnas sample --equal-cost`, rejection sampling) plus the hand-designed baselines all-k3_e6
     (MobileNetV2's block) and all-k3_e1, all scored one-shot on the run's supernet,
  3. retrains every one with the same proxy recipe and seed (`dnas train RUN --arch`), and
  4. prints a table per target (architecture, LUT cost, MACs, params, one-shot and proxy
     accuracy, the found net's rank among the random ones, Kendall tau of one-shot vs proxy),
     and the two seeds' found nets side by side.

Every finished step is kept in OUT/state.json, so a stopped run resumes where it stopped;
OUT/results.md is rewritten after every step.

  bench/search_quality.py --dnas build/app/dnas --out bench/results/search-quality
"""
import argparse
import hashlib
import json
import math
import os
import subprocess
import sys
import time

TOLERANCE = 0.05            # the "same cost": +-5 % of the found net's LUT cost
BASELINES = ["k3_e6", "k3_e1"]  # MobileNetV2's block everywhere; the cheapest conv block
QUANTILES = (0.15, 0.5, 0.85)   # default targets: shares of random nets cheaper than the target
SPREAD_TOLERANCE = 0.95     # "equal cost" this loose is a uniform draw from the whole space


def log(msg):
    print(time.strftime("%H:%M:%S"), msg, flush=True)


class Bench:
    def __init__(self, args):
        self.a = args
        os.makedirs(args.out, exist_ok=True)
        self.state_path = os.path.join(args.out, "state.json")
        self.state = {"searches": {}, "scores": {}, "proxy": {}}
        if os.path.exists(self.state_path):
            with open(self.state_path) as f:
                self.state = json.load(f)

    def save(self):
        tmp = self.state_path + ".tmp"
        with open(tmp, "w") as f:
            json.dump(self.state, f, indent=1)
        os.replace(tmp, self.state_path)
        self.write_results()

    def dnas(self, *args, capture=True):
        cmd = [self.a.dnas, *map(str, args)]
        r = subprocess.run(cmd, capture_output=capture, text=True)
        if r.returncode != 0:
            raise SystemExit("failed: %s\n%s" % (" ".join(cmd), r.stderr if capture else ""))
        return r.stdout

    # ---- 1. search -----------------------------------------------------------------------------
    def search(self, key, extra, seed):
        done = self.state["searches"].get(key)
        if done and os.path.exists(os.path.join(done["dir"], "final", "summary.json")):
            return done
        out = os.path.join(self.a.out, "runs", key)
        if os.path.exists(os.path.join(out, "study.json")):
            log("resuming search " + key)
            args = ["resume", out]
        else:
            log("search " + key)
            args = ["search", self.a.study, "--seed", seed, "--out", out, *extra, *self.a.search_args]
        t0 = time.time()
        self.dnas(*args, "--json-progress")
        wall = time.time() - t0 + (done or {}).get("wall_s", 0.0)
        with open(os.path.join(out, "final", "summary.json")) as f:
            summary = json.load(f)
        epochs, theta = [], None
        with open(os.path.join(out, "metrics.jsonl")) as f:
            for line in f:
                m = json.loads(line)
                if m.get("type") == "epoch":
                    epochs.append({"epoch": m["epoch"], "warmup": m.get("warmup", False),
                                   "expected_cost": m["expected_cost"],
                                   "seconds": m.get("seconds", 0.0)})
        with open(os.path.join(out, "theta.jsonl")) as f:
            for line in f:
                theta = json.loads(line)
        decided = []
        for layer in theta["layers"]:
            k = len(layer["probs"])
            decided.append(layer["entropy"] / math.log(k))
        rec = {"dir": out, "wall_s": round(wall, 1), "argmax": summary["argmax"]["arch"],
               "cost": summary["argmax"]["cost"], "one_shot": summary["argmax"]["accuracy"],
               "target": summary.get("target"), "entropy_ratio": decided,
               "mean_entropy_ratio": sum(decided) / len(decided), "epochs": epochs,
               "finalists": summary.get("finalists", [])}
        self.state["searches"][key] = rec
        self.save()
        return rec

    # ---- 2. equal-cost random nets and baselines, one-shot scored ------------------------------
    def scores(self, key, run, n, tolerance=TOLERANCE, baselines=BASELINES):
        if key in self.state["scores"]:
            return self.state["scores"][key]
        log("one-shot scores " + key)
        args = ["sample", run["dir"], "--equal-cost", n, "--tolerance", tolerance,
                "--seed", 1, "--json"]
        extras = [("baseline", "all-" + b) for b in baselines]
        # With finalists the delivered net is the best fine-tuned one; θ's own choice (the
        # argmax, repaired to the target) is retrained beside it to show what the stage adds.
        extras += [("argmax", f["arch"]) for f in run.get("finalists", [])
                   if f.get("is_argmax") and f["arch"] != run["argmax"] and baselines]
        for _, arch in extras:
            args += ["--arch", arch]
        rep = json.loads(self.dnas(*args))
        rows = []
        for i, s in enumerate(rep["samples"]):
            kind = "found" if i == 0 else (extras[i - 1][0] if i <= len(extras) else "random")
            rows.append({"kind": kind, "arch": s["arch"], "cost": s["cost"], "macs": s["macs"],
                         "params": s["params"], "one_shot": s["accuracy"]})
        self.state["scores"][key] = rows
        self.save()
        return rows

    # ---- 3. proxy retraining -------------------------------------------------------------------
    def proxy(self, run_dir, arch, seed=1):
        # Seed 1 is the recipe every table uses; other seeds only measure its noise floor.
        table = self.state["proxy"] if seed == 1 else self.state.setdefault("noise", {}).setdefault(str(seed), {})
        if arch in table:
            return table[arch]["accuracy"]
        tag = arch if seed == 1 else "%s-seed%d" % (arch, seed)
        out = os.path.join(self.a.out, "proxy", hashlib.sha1(tag.encode()).hexdigest()[:12])
        log("proxy retraining %s (seed %d)" % (arch, seed))
        t0 = time.time()
        self.dnas("train", run_dir, "--arch", arch, "--epochs", self.a.proxy_epochs,
                  "--limit", self.a.proxy_limit, "--seed", seed, "--out", out, "--json-progress")
        with open(os.path.join(out, "arch.json")) as f:
            acc = json.load(f)["accuracy"]
        table[arch] = {"accuracy": acc, "seconds": round(time.time() - t0, 1)}
        self.save()
        return acc

    # ---- 4. report -----------------------------------------------------------------------------
    @staticmethod
    def kendall(xs, ys):
        n, s, tx, ty = len(xs), 0, 0, 0
        for i in range(n):
            for j in range(i + 1, n):
                dx, dy = xs[i] - xs[j], ys[i] - ys[j]
                if dx == 0 and dy == 0:
                    continue
                if dx == 0:
                    tx += 1
                elif dy == 0:
                    ty += 1
                else:
                    s += 1 if dx * dy > 0 else -1
        pairs = n * (n - 1) / 2
        den = math.sqrt((pairs - tx) * (pairs - ty)) if pairs > tx and pairs > ty else 0
        return s / den if den else float("nan")  # tau-b without double-tie bookkeeping

    def write_results(self):
        st = self.state
        out = ["# Search quality (bench/search_quality.py)", "",
               "Proxy recipe: %s epoch(s) on the first %s training images, seed 1, test accuracy "
               "on the 10,000 test images. Cost: LUT latency (us)." %
               (self.a.proxy_epochs, self.a.proxy_limit), ""]
        if not self.a.targets:
            out.append("Targets: the cost below which %s of uniformly random nets of the space lie "
                       "on the study's LUT (`dnas search --target-quantile`), each run's own in "
                       "the table." % ", ".join("%.0f %%" % (100 * q) for q in QUANTILES))
            out.append("")
        out += ["## Searches", "",
                "| run | wall s | found | LUT cost us | target us | within | mean H/lnK | max H/lnK | E[cost] per epoch |",
                "|---|---|---|---|---|---|---|---|---|"]
        for key, r in st["searches"].items():
            t = r.get("target") or {}
            out.append("| %s | %.0f | `%s` | %.1f | %s | %s | %.3f | %.3f | %s |" % (
                key, r["wall_s"], r["argmax"], r["cost"],
                "%.1f" % t["target"] if "target" in t else "-",
                t.get("within", "-"), r["mean_entropy_ratio"], max(r["entropy_ratio"]),
                " ".join("%.0f" % e["expected_cost"] for e in r["epochs"])))
        for key, r in st["searches"].items():
            if r.get("finalists"):
                out += ["", "Finalists of %s (fine-tuned alone, best first): " % key + "; ".join(
                    "`%s`%s %.1f %% one-shot, %.1f %% fine-tuned, %.1f us" % (
                        f["arch"], " (argmax)" if f.get("is_argmax") else "", 100 * f["accuracy"],
                        100 * f.get("fine_tuned", -0.01), f["cost"]) for f in r["finalists"])]
        for key, rows in st["scores"].items():
            out += ["", "## " + key, "",
                    "| kind | architecture | LUT cost us | MMACs | Kparams | one-shot % | proxy % |",
                    "|---|---|---|---|---|---|---|"]
            have = [r for r in rows if r["arch"] in st["proxy"]]
            for r in rows:
                p = st["proxy"].get(r["arch"], {}).get("accuracy")
                out.append("| %s | `%s` | %.1f | %.2f | %.1f | %.1f | %s |" % (
                    r["kind"], r["arch"], r["cost"], r["macs"] / 1e6, r["params"] / 1e3,
                    100 * r["one_shot"], "%.2f" % (100 * p) if p is not None else "…"))
            found = [r for r in have if r["kind"] == "found"]
            rand = sorted((st["proxy"][r["arch"]]["accuracy"] for r in have if r["kind"] == "random"),
                          reverse=True)
            for kind in ("found", "argmax"):
                mine = [r for r in have if r["kind"] == kind]
                if not (mine and rand):
                    continue
                f = st["proxy"][mine[0]["arch"]]["accuracy"]
                rank = 1 + sum(1 for v in rand if v > f)
                med = rand[len(rand) // 2] if len(rand) % 2 else 0.5 * (rand[len(rand) // 2 - 1] + rand[len(rand) // 2])
                out.append("")
                out.append("%s: rank %d of %d among the random nets of its cost (best random "
                           "%.2f %%, median %.2f %%, %s %.2f %%)." %
                           ("Found net" if kind == "found" else "θ's argmax, before the finalists",
                            rank, len(rand) + 1, 100 * rand[0], 100 * med, kind, 100 * f))
            if len(have) >= 3:
                tau = self.kendall([r["one_shot"] for r in have],
                                   [st["proxy"][r["arch"]]["accuracy"] for r in have])
                out.append("Kendall tau, one-shot vs proxy accuracy, over %d nets: %.3f." % (len(have), tau))
        seeds = {}
        for key, r in st["searches"].items():
            base, _, seed = key.rpartition("-s")
            seeds.setdefault(base, []).append((seed, r))
        pairs = [(b, v) for b, v in seeds.items() if len(v) >= 2]
        if pairs:
            out += ["", "## Seeds side by side", "", "| study / target | seed | found | LUT cost us | proxy % |",
                    "|---|---|---|---|---|"]
            for base, v in pairs:
                for seed, r in v:
                    p = st["proxy"].get(r["argmax"], {}).get("accuracy")
                    out.append("| %s | %s | `%s` | %.1f | %s |" % (
                        base, seed, r["argmax"], r["cost"], "%.2f" % (100 * p) if p is not None else "…"))
        noise = st.get("noise", {})
        if noise:
            out += ["", "## Noise floor: the same nets retrained with another seed", "",
                    "| architecture | proxy % seed 1 | proxy % seed | difference, points |",
                    "|---|---|---|---|"]
            diffs, first, second = [], [], []
            for seed, table in noise.items():
                for arch, r in table.items():
                    a1 = st["proxy"].get(arch, {}).get("accuracy")
                    if a1 is None:
                        continue
                    diffs.append(abs(r["accuracy"] - a1) * 100)
                    first.append(a1)
                    second.append(r["accuracy"])
                    out.append("| `%s` | %.2f | %.2f (seed %s) | %.2f |" % (
                        arch, 100 * a1, 100 * r["accuracy"], seed, diffs[-1]))
            if diffs:
                out += ["", "Mean |difference| over %d nets: %.2f points; largest %.2f." % (
                    len(diffs), sum(diffs) / len(diffs), max(diffs))]
            if len(first) >= 3:
                # How far the proxy's own ranking of these nets survives a change of seed: the
                # ceiling for any rank a table above reports.
                out.append("Kendall tau, seed 1 vs seed 2 proxy accuracy, over %d nets: %.3f." % (
                    len(first), self.kendall(first, second)))
        with open(os.path.join(self.a.out, "results.md"), "w") as f:
            f.write("\n".join(out) + "\n")

    def run(self):
        seeds = [int(s) for s in self.a.seeds.split(",")]
        plan = []
        if not self.a.no_default:
            plan.append(("default", []))
        if self.a.targets:
            for t in (float(v) for v in self.a.targets.split(",")):
                plan.append(("target-%.3fms" % t, ["--target-latency", t]))
        else:
            for q in QUANTILES:
                plan.append(("target-q%02.0f" % (100 * q), ["--target-quantile", q]))
        # Per target: the first seed's search, its equal-cost set and their retraining; then the
        # other seeds, the proxy's noise floor and the whole-space set (Kendall tau), so a stopped
        # run has its most telling figures first.
        first = {}
        for name, extra in plan:
            first[name] = run = self.search("%s-s%d" % (name, seeds[0]), extra, seeds[0])
            rows = self.scores("%s-s%d" % (name, seeds[0]), run, self.a.random)
            if not self.a.no_proxy:
                for r in rows:
                    self.proxy(run["dir"], r["arch"])
        for name, extra in plan:
            for seed in seeds[1:]:
                run = self.search("%s-s%d" % (name, seed), extra, seed)
                if not self.a.no_proxy:
                    self.proxy(run["dir"], run["argmax"])
        name = plan[0][0]
        if not self.a.no_proxy:
            # The noise floor: the first set's nets retrained with seed 2. All of them, so it
            # also says how often two seeds order a pair of equal-cost nets the same way.
            for r in self.state["scores"]["%s-s%d" % (name, seeds[0])]:
                self.proxy(first[name]["dir"], r["arch"], seed=2)
        rows = self.scores("%s-s%d-spread" % (name, seeds[0]), first[name], self.a.spread,
                           SPREAD_TOLERANCE, [])
        for r in rows if not self.a.no_proxy else []:
            self.proxy(first[name]["dir"], r["arch"])
        with open(os.path.join(self.a.out, "results.md")) as f:
            print(f.read())


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--dnas", default="build/app/dnas")
    p.add_argument("--study", default="fmnist", help="study name or file (default fmnist)")
    p.add_argument("--out", default="bench/results/search-quality")
    p.add_argument("--targets", default="", help="latency targets in ms, comma-separated")
    p.add_argument("--seeds", default="1,2")
    p.add_argument("--random", type=int, default=9, help="random nets of equal cost per target")
    p.add_argument("--spread", type=int, default=12,
                   help="nets of any cost scored on the first run's supernet (Kendall tau)")
    p.add_argument("--proxy-epochs", type=int, default=1)
    p.add_argument("--proxy-limit", type=int, default=60000)
    p.add_argument("--no-default", action="store_true", help="skip the study as shipped")
    p.add_argument("--no-proxy", action="store_true", help="search and one-shot scores only")
    p.add_argument("--search-args", default="", help="extra dnas search options, e.g. '--epochs 8'")
    a = p.parse_args()
    a.search_args = a.search_args.split()
    Bench(a).run()


if __name__ == "__main__":
    sys.exit(main())
