#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Which correction of a block table predicts whole nets? Tried offline, on timings already taken.

`KEEP=DIR bench/lut_accuracy.sh` keeps, per space and thread count, the table and two reports
that time the same 100 held-out nets twice (`raw.json` and `cal.json`, two independent timing
sessions of one draw). This fits each correction on K nets with the first session's timings
and judges it on the other nets with the second's, over random splits: the error a correction
fitted in one session makes on nets it never saw, timed another time. Every correction is
linear in the table's cells, solved by least squares on relative error:

  raw             the block sums as measured
  scale+overhead  one shared scale and an overhead per block (what `dnas lut calibrate` fits)
  per-op          one scale per op, pulled toward the shared scale by a ridge
  per-layer       one scale per searchable layer, the same ridge
  lut+macs        the block sums plus a term in the net's multiply-adds

  bench/lut_corrections.py KEEP_DIR [--dnas build/app/dnas] [--fit 30] [--splits 20]

Needs `dnas cost` (the per-block cells of each net, read from its table without the table's
stored calibration).
"""
import argparse
import glob
import json
import os
import random
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from search_quality import Bench  # noqa: E402  (its Kendall tau-b, one definition)

RIDGES = (1.0, 0.1)  # relative to the mean diagonal of the normal equations


def solve(a, b):
    """Gaussian elimination with partial pivoting; a is n x n (lists), b has n entries."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        if abs(m[c][c]) < 1e-300:
            continue
        for r in range(c + 1, n):
            f = m[r][c] / m[c][c]
            for k in range(c, n + 1):
                m[r][k] -= f * m[c][k]
    x = [0.0] * n
    for c in reversed(range(n)):
        s = m[c][n] - sum(m[c][k] * x[k] for k in range(c + 1, n))
        x[c] = s / m[c][c] if abs(m[c][c]) > 1e-300 else 0.0
    return x


def cells(dnas, space, table, arch):
    """(part, op, µs, MMACs) per row of `dnas cost`: searchable layers are numbered parts."""
    out = subprocess.run([dnas, "cost", space, "--arch", arch, "--lut", table],
                         capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines():
        t = line.split()
        if len(t) >= 8 and "->" in t[2] and re.match(r"^[0-9.]+$", t[-1]):
            rows.append((t[0], t[1], float(t[-1]) * 1000.0, float(t[5]) if t[5] != "-" else 0.0))
    return rows


def features(net, kind, ops, layers):
    blocks = [r for r in net["rows"] if r[0].isdigit()]
    fixed = sum(r[2] for r in net["rows"] if not r[0].isdigit())
    if kind == "scale+overhead":
        return [net["lut"], float(len(blocks))], []
    if kind == "lut+macs":
        return [net["lut"], sum(r[3] for r in net["rows"]), 1.0], []
    f = [0.0] * (len(ops) if kind == "per-op" else layers)
    for r in blocks:
        f[ops.index(r[1]) if kind == "per-op" else int(r[0])] += r[2]
    return f + [fixed, 1.0], list(range(len(f)))  # scaled columns, pulled to the shared scale


def fit(train, kind, ridge, ops, layers):
    rows = [features(n, kind, ops, layers) for n in train]
    pulled = rows[0][1]
    x = [[v / n["y1"] for v in f] for (f, _), n in zip(rows, train)]
    k = len(x[0])
    g = [[sum(r[i] * r[j] for r in x) for j in range(k)] for i in range(k)]
    h = [sum(r[i] for r in x) for i in range(k)]  # targets y / y = 1
    shared = sum(n["lut"] / n["y1"] for n in train) / sum((n["lut"] / n["y1"]) ** 2 for n in train)
    pull = ridge * sum(g[i][i] for i in range(k)) / k
    for i in pulled:
        g[i][i] += pull
        h[i] += pull * shared
    for i in range(k):
        g[i][i] += 1e-12 * (g[i][i] + 1.0)
    return solve(g, h)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("keep", help="the folder lut_accuracy.sh filled (KEEP=DIR)")
    p.add_argument("--dnas", default=os.path.join(here, "..", "build", "app", "dnas"))
    p.add_argument("--fit", type=int, default=30, help="nets each correction is fitted on")
    p.add_argument("--splits", type=int, default=20)
    a = p.parse_args()
    kinds = [("raw", None), ("scale+overhead", 0.0)] + \
        [(k, r) for k in ("per-op", "per-layer") for r in RIDGES] + [("lut+macs", 0.0)]
    print("| table | nets | retest tau | correction | within ±10 % | median err | Kendall tau |")
    print("|---|---|---|---|---|---|---|")
    for path in sorted(glob.glob(os.path.join(a.keep, "*-raw.json"))):
        name = os.path.basename(path)[:-len("-raw.json")]
        space = name.rsplit("-t", 1)[0]
        first = json.load(open(path))["archs"]
        second = {r["arch"]: r for r in json.load(open(path.replace("-raw.json", "-cal.json")))["archs"]}
        table = json.load(open(os.path.join(a.keep, name + ".lut.json")))
        table.pop("calibrations", None)  # the cells as measured
        with tempfile.NamedTemporaryFile("w", suffix=".lut.json", delete=False) as f:
            json.dump(table, f)
        nets = []
        for r in first:
            if r["arch"] in second:
                rows = cells(a.dnas, space, f.name, r["arch"])
                nets.append({"rows": rows, "lut": sum(c[2] for c in rows), "y1": r["measured_ms"] * 1e3,
                             "y2": second[r["arch"]]["measured_ms"] * 1e3})
        os.unlink(f.name)
        ops = sorted({c[1] for n in nets for c in n["rows"] if c[0].isdigit()})
        layers = 1 + max(int(c[0]) for n in nets for c in n["rows"] if c[0].isdigit())
        rng = random.Random(1)
        scores = {k: [] for k in kinds}
        for _ in range(a.splits):
            order = list(range(len(nets)))
            rng.shuffle(order)
            train, test = [nets[i] for i in order[:a.fit]], [nets[i] for i in order[a.fit:]]
            for kind, ridge in kinds:
                if kind == "raw":
                    pred = [n["lut"] for n in test]
                else:
                    w = fit(train, kind, ridge, ops, layers)
                    pred = [sum(v * c for v, c in zip(features(n, kind, ops, layers)[0], w)) for n in test]
                err = sorted(abs(q / n["y2"] - 1.0) for q, n in zip(pred, test))
                scores[(kind, ridge)].append((sum(e <= 0.10 for e in err) / len(err), err[len(err) // 2],
                                              Bench.kendall(pred, [n["y2"] for n in test])))
        retest = Bench.kendall([n["y1"] for n in nets], [n["y2"] for n in nets])
        for (kind, ridge), s in scores.items():
            label = kind if not ridge else "%s, ridge %g" % (kind, ridge)
            mean = [sum(v[i] for v in s) / len(s) for i in range(3)]
            print("| %s | %d | %.3f | %s | %.1f %% | %.1f %% | %.3f |" % (
                name, len(nets), retest, label, 100 * mean[0], 100 * mean[1], mean[2]))


if __name__ == "__main__":
    main()
