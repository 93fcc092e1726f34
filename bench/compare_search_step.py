#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""C++ search step vs the Python reference (issue #8), interleaved, with ratios.

Per space: search_step_bench writes the MAC cost table the reference uses; then `--rounds`
rounds of  C++ faithful, Python reference [, C++ faithful ATen BN] [, Python lean] [, C++ sampled]
[, C++ … shared]  in turn
(A B A B ...: slow drift of a shared machine hits all of them alike), each a fresh process with
the same batch, threads (OMP_NUM_THREADS) and steps. Prints per implementation the median and
range of w-step and θ-step images/s and of the peak RSS, and the per-round ratios to the Python
reference. Fails (exit 1) unless every run printed its JSON with positive rates and both
supernets have the same parameter count.

  bench/compare_search_step.py --bench build/bench/search_step_bench [--rounds 5]
      [--spaces fbnet-fmnist,fbnet-cifar:32] [--batch 128] [--warmup 2] [--steps 5]
      [--threads 2] [--no-sampled] [--aten-bn] [--lean] [--shared] [--json FILE]
      [--omp-wait-policy default]

A space may carry its own batch size (NAME:BATCH): fbnet-cifar's 22 layers of nine paths at
32 px take ~25x the time per image of fbnet-fmnist's.
"""
import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REFERENCE = os.path.join(HERE, "python", "fbnet_reference.py")
DEBIAN_PYTHON = "/usr/bin/python3"  # Debian's torch imports only under Debian's interpreter
RATES = ("w_img_s", "theta_img_s", "w_img_cpu_s", "theta_img_cpu_s")
REQUIRED = RATES + ("peak_rss_mb", "params")


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--bench", required=True, help="the search_step_bench executable")
    p.add_argument("--python", default=DEBIAN_PYTHON)
    p.add_argument("--spaces", default="fbnet-fmnist,fbnet-cifar:32",
                   help="comma-separated NAME or NAME:BATCH")
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--steps", type=int, default=5)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--no-sampled", action="store_true", help="skip the C++ sampled mode")
    p.add_argument("--shared", action="store_true",
                   help="also the C++ modes with shared kernels (--share-kernels yes)")
    p.add_argument("--aten-bn", action="store_true",
                   help="also the C++ faithful mode with ATen's batch_norm + relu_ (--fused-bn no)")
    p.add_argument("--lean", action="store_true",
                   help="also run the reference without the gradients the engine skips")
    p.add_argument("--json", help="write every run's JSON and the summary here")
    p.add_argument("--omp-wait-policy", choices=("default", "passive", "active"), default="default",
                   help="OMP_WAIT_POLICY for both sides: 'default' leaves it unset, as a user's "
                        "shell does; 'passive' on a busy machine, where spinning threads burn the "
                        "CPU time that the per-CPU-second rates count")
    a = p.parse_args(argv)
    if a.rounds < 1:
        p.error("--rounds must be >= 1")
    return a


def run_json(cmd, env):
    """Runs one benchmark process; its last stdout line must be a JSON object."""
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr.strip()}")
    lines = proc.stdout.strip().splitlines()
    try:
        result = json.loads(lines[-1])
    except (IndexError, json.JSONDecodeError) as e:
        raise SystemExit(f"no JSON from {' '.join(cmd)}: {e}\n{proc.stdout}")
    missing = [k for k in REQUIRED if k not in result]
    if missing:
        raise SystemExit(f"{' '.join(cmd)}: JSON lacks {', '.join(missing)}")
    bad = [k for k in RATES + ("peak_rss_mb",)
           if not (isinstance(result[k], (int, float)) and math.isfinite(result[k])
                   and result[k] > 0)]
    if bad:
        raise SystemExit(f"{' '.join(cmd)}: not a positive rate: "
                         + ", ".join(f"{k}={result[k]}" for k in bad))
    return result


def spread(values):
    """median (min-max), the way docs/architecture.md §9 asks benchmarks to report."""
    return statistics.median(values), min(values), max(values)


def fmt(values, unit=""):
    med, lo, hi = spread(values)
    digits = 2 if med < 10 else 1 if med < 100 else 0
    return f"{med:.{digits}f}{unit} ({lo:.{digits}f}–{hi:.{digits}f})"


class SpaceRun:
    """All rounds of one space: runs[name] is the list of per-round JSON objects."""

    def __init__(self, args, space, batch, env, workdir):
        self.args, self.space, self.batch, self.env = args, space, batch, env
        self.costs = os.path.join(workdir, space + ".costs.json")
        common = ["--batch", str(batch), "--warmup", str(args.warmup),
                  "--steps", str(args.steps), "--threads", str(args.threads),
                  "--data", args.data]
        cpp = [args.bench, "--space", space] + common
        py = [args.python, REFERENCE, "--space", space, "--costs", self.costs] + common
        self.commands = {"C++ faithful": cpp + ["--mode", "faithful"],
                         "Python reference": py + ["--variant", "public"]}
        if args.aten_bn:
            self.commands["C++ faithful, ATen BN"] = cpp + ["--mode", "faithful",
                                                            "--fused-bn", "no"]
        if args.lean:
            self.commands["Python lean"] = py + ["--variant", "lean"]
        if not args.no_sampled:
            self.commands["C++ sampled"] = cpp + ["--mode", "sampled"]
        if args.shared:
            for mode in ("faithful",) + (() if args.no_sampled else ("sampled",)):
                self.commands[f"C++ {mode} shared"] = cpp + ["--mode", mode,
                                                             "--share-kernels", "yes"]
        self.runs = {name: [] for name in self.commands}

    def run(self):
        subprocess.run([self.args.bench, "--space", self.space, "--costs-out", self.costs],
                       env=self.env, check=True)
        for r in range(self.args.rounds):
            for name, cmd in self.commands.items():
                result = run_json(cmd, self.env)
                self.runs[name].append(result)
                print(f"  {self.space} round {r + 1}/{self.args.rounds} {name}: "
                      f"w {result['w_img_s']:.1f} img/s, θ {result['theta_img_s']:.1f} img/s",
                      file=sys.stderr, flush=True)
        # Shared kernels hold fewer weights by design; every other run has the same supernet.
        params = {name: {r["params"] for r in runs} for name, runs in self.runs.items()
                  if not name.endswith("shared")}
        if len(set().union(*params.values())) != 1:
            raise SystemExit(f"{self.space}: parameter counts differ: {params}")

    def ratios(self, name, key):
        ref = self.runs["Python reference"]
        return [a[key] / b[key] for a, b in zip(self.runs[name], ref)]

    def table(self):
        a = self.args
        cpp, py = self.runs["C++ faithful"][0], self.runs["Python reference"][0]
        out = [f"**{self.space}**, batch {self.batch}, {a.threads} threads, {a.rounds} rounds of "
               f"{a.warmup} warm-up + {a.steps} timed steps per phase, OMP_WAIT_POLICY {a.omp_wait_policy}; "
               f"parameters: C++ {cpp['params']:,}, Python {py['params']:,}"
               + (f", shared kernels {self.runs['C++ faithful shared'][0]['params']:,}"
                  if "C++ faithful shared" in self.runs else ""), "",
               "| run | w-step img/s | θ-step img/s | w img/CPU-s | θ img/CPU-s | peak RSS MB |",
               "|---|---|---|---|---|---|"]
        for name, runs in self.runs.items():
            cells = [fmt([r[k] for r in runs]) for k in RATES + ("peak_rss_mb",)]
            out.append(f"| {name} | " + " | ".join(cells) + " |")
        for name in self.runs:
            if name == "Python reference":
                continue
            cells = [fmt(self.ratios(name, k), "×") for k in RATES + ("peak_rss_mb",)]
            out.append(f"| {name} / Python reference | " + " | ".join(cells) + " |")
        return "\n".join(out)

    def summary(self):
        out = {"space": self.space, "batch": self.batch, "runs": self.runs, "ratios": {}}
        for name in self.runs:
            if name != "Python reference":
                out["ratios"][name] = {k: spread(self.ratios(name, k))
                                       for k in RATES + ("peak_rss_mb",)}
        return out


def main(argv):
    args = parse_args(argv)
    env = dict(os.environ, OMP_NUM_THREADS=str(args.threads))
    env.pop("OMP_WAIT_POLICY", None)
    if args.omp_wait_policy != "default":
        env["OMP_WAIT_POLICY"] = args.omp_wait_policy.upper()
    load_before = os.getloadavg()
    results = []
    with tempfile.TemporaryDirectory(prefix="dnas-compare-") as workdir:
        for item in [s for s in args.spaces.split(",") if s]:
            space, _, batch = item.partition(":")
            run = SpaceRun(args, space, int(batch) if batch else args.batch, env, workdir)
            run.run()
            results.append(run)
    load_after = os.getloadavg()
    print(f"load average before {load_before[0]:.2f} {load_before[1]:.2f} "
          f"{load_before[2]:.2f}, after {load_after[0]:.2f} {load_after[1]:.2f} "
          f"{load_after[2]:.2f} ({os.cpu_count()} CPUs)\n")
    for run in results:
        print(run.table() + "\n")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"load_before": load_before, "load_after": load_after,
                       "spaces": [r.summary() for r in results]}, f, indent=1)
    print(f"checks passed: {sum(len(v) for r in results for v in r.runs.values())} runs "
          "printed JSON with positive rates; parameter counts equal")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
