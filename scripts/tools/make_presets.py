#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the search-space presets in resources/spaces/ (docs/architecture.md §5)."""
import json
import os

OPS = ["k3_e1", "k3_e1_g2", "k3_e3", "k3_e6", "k5_e1", "k5_e1_g2", "k5_e3", "k5_e6", "skip"]
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "resources", "spaces")


def space(name, channels, size, classes, stem, stem_stride, stages, head, always_pw, ops=OPS):
    layers = []
    for stage, (c, n, s) in enumerate(stages):
        for i in range(n):
            layers.append({"c_out": c, "stride": s if i == 0 else 1,
                           "candidates": list(ops), "stage": stage})
    return {"format": "dnas-space/1", "name": name,
            "input": {"channels": channels, "size": size}, "num_classes": classes,
            "stem": {"c_out": stem, "stride": stem_stride}, "layers": layers,
            "head": {"c_out": head}, "ops": {}, "options": {"always_pw": always_pw}}


def stages(strides, widths=(16, 24, 32, 64, 112, 184, 352), counts=(1, 4, 4, 4, 4, 4, 1)):
    return list(zip(widths, counts, strides))


PRESETS = {
    # The paper's ImageNet space: 22 TBS layers, head 1984.
    "fbnet": space("fbnet", 3, 224, 1000, 16, 2, stages((1, 2, 2, 2, 1, 2, 1)), 1984, True),
    # HW-NAS-Bench's CIFAR-100 shapes.
    "fbnet-cifar": space("fbnet-cifar", 3, 32, 100, 16, 1, stages((1, 1, 2, 2, 1, 2, 1)), 1504, True),
    # Fashion-MNIST: FBNet's macro-structure shrunk for 28 px and 2 CPU cores. The stem halves
    # the map to 14 px (a k5_e6 block at 28 px costs 4x as much), then 14 -> 7 -> 4; 10 layers
    # of 16..160 channels keep the biggest child under 15 M MACs, so a sampled-path search epoch on
    # all 60k images takes about a minute here and the retrained net clears 92%.
    "fbnet-fmnist": space("fbnet-fmnist", 1, 28, 10, 16, 2,
                          [(16, 1, 1), (24, 2, 1), (32, 2, 2), (64, 2, 2), (96, 2, 1), (160, 1, 1)],
                          512, True),
}

for name, doc in PRESETS.items():
    with open(os.path.join(OUT, name + ".space.json"), "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")
