# SPDX-License-Identifier: GPL-3.0-or-later
"""FBNet's supernet in plain PyTorch, block for block the same as engine/nn.

Written as the public re-implementations write it (one nn.Module per block, a MixedOp that
runs every candidate and mixes them with F.gumbel_softmax weights, the expected latency summed
alongside), with the op order of engine/nn so both sides run the same kernels:

  IRBlock  [1x1 group conv C->C*e + BN + ReLU]  omitted when e == 1 and not always_pw
           [channel shuffle]                     when groups > 1
           kxk depthwise (stride s, pad k/2) + BN + ReLU
           [squeeze-excite]                      avgpool, 1x1+bias, ReLU, 1x1+bias, sigmoid, mul
           1x1 group conv C*e->C_out + BN        no activation
           [+ x]                                 when s == 1 and C_in == C_out
  SkipBlock identity, or 1x1 conv (stride s) + BN + ReLU when the shape changes
  Stem     3x3 conv (stride s, pad 1) + BN + ReLU
  Head     1x1 conv + BN + ReLU, global average pool, flatten, fc (with bias)

Weights and activations are channels-last, as in the engine (docs/architecture.md §9: a depthwise
conv in NCHW takes a ~100x slower path on the CPU).
"""
import json
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

# FBNet's nine candidates (engine/space/OpSpec.cpp builtinOps): kernel, expansion, groups.
BUILTIN_OPS = {
    "k3_e1": (3, 1, 1), "k3_e1_g2": (3, 1, 2), "k3_e3": (3, 3, 1), "k3_e6": (3, 6, 1),
    "k5_e1": (5, 1, 1), "k5_e1_g2": (5, 1, 2), "k5_e3": (5, 3, 1), "k5_e6": (5, 6, 1),
}
SE_DIVISOR = 8  # squeeze-excite width rounded as mobile-vision does (ModelCounter::seChannels)
SE_RATIO = 0.25
CHANNELS_LAST = torch.channels_last


def load_space(name_or_path, resource_dir):
    """A *.space.json file, or a preset name looked up in resources/spaces/."""
    path = name_or_path
    if not os.path.exists(path):
        path = os.path.join(resource_dir, "spaces", name_or_path + ".space.json")
    with open(path) as f:
        return json.load(f)


def op_spec(space, name):
    """The op as a dict: type, kernel, expansion, groups, se, act (space-defined ops first)."""
    custom = space.get("ops", {}).get(name)
    if custom is not None:
        spec = {"type": "ir", "kernel": 3, "expansion": 1, "groups": 1, "se": False,
                "act": "relu"}
        spec.update(custom)
        return spec
    if name == "skip":
        return {"type": "skip"}
    if name not in BUILTIN_OPS:
        raise ValueError(f"space {space['name']}: unknown op \"{name}\"")
    k, e, g = BUILTIN_OPS[name]
    return {"type": "ir", "kernel": k, "expansion": e, "groups": g, "se": False, "act": "relu"}


def downsample(size, stride):
    return (size + stride - 1) // stride


def layer_shapes(space):
    """(c_in, c_out, stride) per searchable layer, as SearchSpace::layerShapes."""
    shapes, c = [], space["stem"]["c_out"]
    for layer in space["layers"]:
        shapes.append((c, layer["c_out"], max(1, layer["stride"])))
        c = layer["c_out"]
    return shapes


def make_divisible(value, divisor):
    v = max(divisor, int(value + divisor / 2.0) // divisor * divisor)
    return v + divisor if v < 0.9 * value else v


def channel_shuffle(x, groups):
    """ShuffleNet's shuffle done inside the NHWC layout: one copy, still channels-last."""
    if groups <= 1:
        return x
    n, c, h, w = x.shape
    if x.is_contiguous(memory_format=CHANNELS_LAST):
        nhwc = x.permute(0, 2, 3, 1)
        shuffled = nhwc.reshape(n, h, w, groups, c // groups).transpose(3, 4).contiguous()
        return shuffled.view(n, h, w, c).permute(0, 3, 1, 2)
    return x.reshape(n, groups, c // groups, h, w).transpose(1, 2).reshape(n, c, h, w)


class IRBlock(nn.Module):
    def __init__(self, op, c_in, c_out, stride, always_pw):
        super().__init__()
        k, e, g = op["kernel"], op["expansion"], op["groups"]
        mid = c_in * e
        self.groups = g
        self.hswish = op["act"] == "hswish"
        self.residual = stride == 1 and c_in == c_out
        self.pw = self.pw_bn = None
        if e != 1 or always_pw:
            self.pw = nn.Conv2d(c_in, mid, 1, groups=g, bias=False)
            self.pw_bn = nn.BatchNorm2d(mid)
        self.dw = nn.Conv2d(mid, mid, k, stride=stride, padding=k // 2, groups=mid, bias=False)
        self.dw_bn = nn.BatchNorm2d(mid)
        self.se_reduce = self.se_expand = None
        if op["se"]:
            se = make_divisible(mid * SE_RATIO, SE_DIVISOR)
            self.se_reduce = nn.Conv2d(mid, se, 1)
            self.se_expand = nn.Conv2d(se, mid, 1)
        self.pwl = nn.Conv2d(mid, c_out, 1, groups=g, bias=False)
        self.pwl_bn = nn.BatchNorm2d(c_out)

    def act(self, x):
        return F.hardswish(x) if self.hswish else F.relu(x, inplace=True)

    def forward(self, x):
        y = x
        if self.pw is not None:
            y = self.act(self.pw_bn(self.pw(y)))
        y = channel_shuffle(y, self.groups)
        y = self.act(self.dw_bn(self.dw(y)))
        if self.se_reduce is not None:
            s = F.relu(self.se_reduce(F.adaptive_avg_pool2d(y, 1)))
            s = self.se_expand(s)
            y = y * (F.hardsigmoid(s) if self.hswish else torch.sigmoid(s))
        y = self.pwl_bn(self.pwl(y))
        return y + x if self.residual else y


class SkipBlock(nn.Module):
    def __init__(self, c_in, c_out, stride):
        super().__init__()
        self.identity = c_in == c_out and stride == 1
        if not self.identity:
            self.conv = nn.Conv2d(c_in, c_out, 1, stride=stride, bias=False)
            self.bn = nn.BatchNorm2d(c_out)

    def forward(self, x):
        return x if self.identity else F.relu(self.bn(self.conv(x)), inplace=True)


class Stem(nn.Module):
    def __init__(self, c_in, c_out, stride):
        super().__init__()
        self.conv = nn.Conv2d(c_in, c_out, 3, stride=stride, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(c_out)

    def forward(self, x):
        return F.relu(self.bn(self.conv(x)), inplace=True)


class Head(nn.Module):
    def __init__(self, c_in, c_head, num_classes):
        super().__init__()
        self.conv = nn.Conv2d(c_in, c_head, 1, bias=False)
        self.bn = nn.BatchNorm2d(c_head)
        self.fc = nn.Linear(c_head, num_classes)

    def forward(self, x):
        x = F.relu(self.bn(self.conv(x)), inplace=True)
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))


class MixedOp(nn.Module):
    """Every candidate runs; the output is their sum weighted by the Gumbel-softmax sample."""

    def __init__(self, ops, c_in, c_out, stride, always_pw):
        super().__init__()
        self.ops = nn.ModuleList(
            SkipBlock(c_in, c_out, stride) if op["type"] == "skip"
            else IRBlock(op, c_in, c_out, stride, always_pw) for op in ops)

    def forward(self, x, mask):
        # The engine's accumulation (first term, then +=), not sum(), which adds a 0 + term.
        out = None
        for i, op in enumerate(self.ops):
            term = mask[i] * op(x)
            out = term if out is None else out + term
        return out


class Supernet(nn.Module):
    """stem -> MixedOp per layer -> head; θ one logit per candidate, zeros (uniform)."""

    def __init__(self, space, costs):
        super().__init__()
        always_pw = space.get("options", {}).get("always_pw", True)
        self.stem = Stem(space["input"]["channels"], space["stem"]["c_out"],
                         space["stem"]["stride"])
        self.layers = nn.ModuleList()
        for layer, (c_in, c_out, stride) in zip(space["layers"], layer_shapes(space)):
            ops = [op_spec(space, name) for name in layer["candidates"]]
            self.layers.append(MixedOp(ops, c_in, c_out, stride, always_pw))
        last = space["layers"][-1]["c_out"] if space["layers"] else space["stem"]["c_out"]
        self.head = Head(last, space["head"]["c_out"], space["num_classes"])
        self.thetas = nn.ParameterList(
            nn.Parameter(torch.zeros(len(layer["candidates"]))) for layer in space["layers"])
        # The cost table is data, not state: plain tensors, no parameters or buffers.
        self.cost_rows = [torch.tensor(row, dtype=torch.float32) for row in costs["per_layer"]]
        self.fixed_cost = torch.tensor(float(costs["fixed"]))
        if len(self.cost_rows) != len(self.layers):
            raise ValueError("the cost table has %d layers, the space %d"
                             % (len(self.cost_rows), len(self.layers)))
        self.to(memory_format=CHANNELS_LAST)

    def weight_parameters(self):
        return [p for name, p in self.named_parameters() if not name.startswith("thetas.")]

    def theta_parameters(self):
        return list(self.thetas)

    def forward(self, x, tau, detach_theta=False):
        """Logits and the expected cost Σ_l Σ_i m_{l,i} · cost_{l,i} + fixed."""
        lat = self.fixed_cost
        h = self.stem(x.contiguous(memory_format=CHANNELS_LAST))
        for layer, theta, cost in zip(self.layers, self.thetas, self.cost_rows):
            mask = F.gumbel_softmax(theta.detach() if detach_theta else theta, tau=tau)
            h = layer(h, mask)
            lat = lat + (mask * cost).sum()
        return self.head(h), lat
