#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Python reference of the FBNet search step, for bench/compare_search_step.py (issue #8).

The supernet of fbnet_supernet.py on Debian's python3-torch, which links the same libtorch as
the engine, trained the way the public FBNet re-implementations train it: every path runs,
m = F.gumbel_softmax(θ, τ) per layer, loss = CE · α · log(LAT)^β, SGD with momentum for the
weights (w-steps on one split), Adam for θ (θ-steps on the other). Prints one JSON object in
the format of search_step_bench: w_img_s, theta_img_s, peak_rss_mb, params.

Variants: "public" computes what those re-implementations compute (θ's gradient in the w-step,
every weight's gradient in the θ-step, though only one optimiser steps); "lean" skips both, as
the engine does, which separates the gain of the C++ step from that of the algorithm.

Run it with /usr/bin/python3: Debian's torch imports only under Debian's interpreter.
"""
import argparse
import json
import math
import os
import resource
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fbnet_supernet import Supernet, load_space  # noqa: E402
from fmnist_batches import FmnistBatches  # noqa: E402

# FBNet's search settings (docs/architecture.md §4, engine/search/SearchSettings.h).
ALPHA, BETA = 0.2, 0.6
TAU0 = 5.0
W_LR, W_MOMENTUM, W_WEIGHT_DECAY = 0.1, 0.9, 1e-4  # lr scaled by batch / 256
LR_BATCH = 256
THETA_LR, THETA_WEIGHT_DECAY = 0.01, 5e-4
THETA_SHARE = 0.5     # as search_step_bench: equal w and θ step counts
MIN_COST_FOR_LOG = 1.0 + 1e-6  # SearchLoss's guard: log(LAT) stays positive
KIB_PER_MIB = 1024.0  # ru_maxrss is in KiB on Linux
DEFAULT_RESOURCES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                 "resources")


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--space", default="fbnet-fmnist", help="preset name or *.space.json")
    p.add_argument("--costs", required=True,
                   help="cost table JSON (search_step_bench --costs-out FILE)")
    p.add_argument("--resources", default=DEFAULT_RESOURCES)
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--variant", choices=["public", "lean"], default="public")
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--steps", type=int, default=5)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args(argv)
    if a.batch < 1 or a.warmup < 0 or a.steps < 1 or a.threads < 1:
        p.error("batch, steps and threads must be >= 1, warmup >= 0")
    return a


def search_loss(ce, lat):
    # The power of the log, not log(LAT^β) (docs/architecture.md §4).
    return ce * ALPHA * torch.log(lat.clamp_min(MIN_COST_FOR_LOG)) ** BETA


class StepRunner:
    """One phase (w or θ) of warm-up + timed steps; images per second of the timed ones, by
    the wall clock and per CPU second of the process (all threads)."""

    def __init__(self, net, data, args):
        self.net, self.data, self.args = net, data, args
        self.lean = args.variant == "lean"
        self.w_lr = W_LR * args.batch / LR_BATCH
        self.w_opt = torch.optim.SGD(net.weight_parameters(), lr=self.w_lr,
                                     momentum=W_MOMENTUM, weight_decay=W_WEIGHT_DECAY)
        self.theta_opt = torch.optim.Adam(net.theta_parameters(), lr=THETA_LR,
                                          weight_decay=THETA_WEIGHT_DECAY)
        self.w_steps_done = 0
        self.w_steps_total = args.warmup + args.steps

    def step(self, theta_phase, split, order, i):
        args = self.args
        x, y = self.data.batch(split, order, i, args.batch, augment=not theta_phase)
        logits, lat = self.net(x, TAU0, detach_theta=self.lean and not theta_phase)
        ce = F.cross_entropy(logits, y)
        loss = search_loss(ce, lat)
        loss_value = loss.item()
        if not math.isfinite(loss_value):
            raise RuntimeError(f"non-finite loss at step {i + 1}")
        if theta_phase:
            self.theta_opt.zero_grad()
            loss.backward()
            self.theta_opt.step()
        else:
            # Cosine decay per step, as the engine sets it.
            lr = 0.5 * self.w_lr * (1.0 + math.cos(math.pi * self.w_steps_done
                                                   / max(1, self.w_steps_total)))
            for group in self.w_opt.param_groups:
                group["lr"] = lr
            self.w_opt.zero_grad()
            loss.backward()
            self.w_opt.step()
            self.w_steps_done += 1
        return loss_value, (logits.argmax(1) == y).sum().item()

    def phase(self, theta_phase):
        args = self.args
        split = self.data.theta if theta_phase else self.data.w
        needed = args.warmup + args.steps
        if self.data.steps(split, args.batch) < needed:
            raise RuntimeError(f"the split holds {self.data.steps(split, args.batch)} batches, "
                               f"{needed} needed")
        weights = self.net.weight_parameters()
        for p in weights:
            p.requires_grad_(not (self.lean and theta_phase))
        self.net.train()
        order = self.data.order(split)
        seconds = cpu_seconds = 0.0
        for i in range(needed):
            t0, c0 = time.perf_counter(), time.process_time()
            self.step(theta_phase, split, order, i)
            if i >= args.warmup:
                seconds += time.perf_counter() - t0
                cpu_seconds += time.process_time() - c0
        for p in weights:
            p.requires_grad_(True)
        images = args.steps * args.batch
        return images / seconds, images / cpu_seconds


def images_needed(args):
    per_split = args.batch * (args.warmup + args.steps)
    return math.ceil(per_split / THETA_SHARE / (1.0 - 0.05)) + 8


def main(argv):
    args = parse_args(argv)
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(args.seed)
    space = load_space(args.space, args.resources)
    with open(args.costs) as f:
        costs = json.load(f)
    net = Supernet(space, costs)
    generator = torch.Generator().manual_seed(args.seed)
    data = FmnistBatches(args.data, images_needed(args), space["input"]["channels"],
                         space["input"]["size"], THETA_SHARE, generator)
    runner = StepRunner(net, data, args)
    w_rate, w_cpu_rate = runner.phase(theta_phase=False)
    theta_rate, theta_cpu_rate = runner.phase(theta_phase=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / KIB_PER_MIB
    print(json.dumps({
        "impl": "python", "variant": args.variant, "space": space["name"], "mode": "faithful",
        "batch": args.batch, "threads": args.threads, "warmup": args.warmup,
        "steps": args.steps, "params": sum(p.numel() for p in net.parameters()),
        "w_img_s": w_rate, "theta_img_s": theta_rate, "w_img_cpu_s": w_cpu_rate,
        "theta_img_cpu_s": theta_cpu_rate, "peak_rss_mb": peak,
        "torch": torch.__version__, "torch_file": torch.__file__}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
