#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Converts ../shared/data/hw-nas-bench/fbnet_lut_{imagenet,cifar100}.json into dnas-lut/1 files
in resources/luts/hw-nas-bench/<device>-<dataset>.lut.json (ms -> us, mJ -> uJ), and keeps the
published reference totals beside them so the engine's tests can reproduce them."""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "..", "shared", "data",
                                                        "hw-nas-bench")
OUT = os.path.join(HERE, "..", "..", "resources", "luts", "hw-nas-bench")
FIXED = {"stem": "stem", "head": "head", "avgpool": "pool", "fc": "fc"}
os.makedirs(OUT, exist_ok=True)

for dataset in ("imagenet", "cifar100"):
    with open(os.path.join(SRC, "fbnet_lut_%s.json" % dataset)) as f:
        src = json.load(f)
    fixed_shapes = {op["name"]: op for op in src["fixed_ops"]}
    refs = []
    for dev, d in src["devices"].items():
        entries = []
        for li, layer in enumerate(src["layers"]):
            c_in, h, w = layer["input_shape"]
            for oi, op in enumerate(src["ops"]):
                e = {"op": op, "c_in": c_in, "c_out": layer["c_out"], "h": h, "w": w,
                     "stride": layer["stride"], "latency_us": d["latency_ms"][li][oi] * 1000.0}
                if "energy_mJ" in d:
                    e["energy_uj"] = d["energy_mJ"][li][oi] * 1000.0
                entries.append(e)
        fixed = {}
        for src_name, name in FIXED.items():
            shape = fixed_shapes[src_name]
            c_in, h, w = (shape["input_shape"] + [1, 1])[:3] if len(shape["input_shape"]) == 1 \
                else shape["input_shape"]
            e = {"c_in": c_in, "c_out": shape["c_out"], "h": h, "w": w, "stride": shape["stride"],
                 "latency_us": d["fixed_latency_ms"][src_name] * 1000.0}
            if "fixed_energy_mJ" in d:
                e["energy_uj"] = d["fixed_energy_mJ"][src_name] * 1000.0
            fixed[name] = e
        doc = {"format": "dnas-lut/1",
               "device": {"name": "%s (HW-NAS-Bench, %s)" % (dev, dataset), "kind": dev,
                          "notes": d["description"]},
               "units": "us", "entries": entries, "fixed": fixed,
               "provenance": {"kind": "imported", "from": "HW-NAS-Bench " + src["source"],
                              "license": src["license"], "citation": src["citation"]}}
        with open(os.path.join(OUT, "%s-%s.lut.json" % (dev, dataset)), "w") as f:
            json.dump(doc, f, indent=1)
            f.write("\n")
    for ref in src["reference_architectures"]:
        refs.append({"name": ref["name"], "ops": ref["arch_str"], "published": ref["published"]})
    with open(os.path.join(OUT, "references-%s.json" % dataset), "w") as f:
        json.dump({"format": "dnas-lut-references/1", "dataset": dataset,
                   "units": {"latency": "ms", "energy": "mJ"}, "architectures": refs}, f, indent=1)
        f.write("\n")
