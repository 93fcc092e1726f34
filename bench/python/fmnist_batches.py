# SPDX-License-Identifier: GPL-3.0-or-later
"""Fashion-MNIST batches prepared as engine/search/SearchData prepares them.

The first `limit` training images, adapted to the space's input (zero padding up to 8 px, then
channel replication), kept in memory as uint8; per step a gather of the batch, random crop with
zero padding and horizontal flip for w-steps (as two gathers, like engine/data/Augmenter), the
Fashion-MNIST normalisation, channels-last. Same work per step as the engine, so the images/s
compare the step, not two different input pipelines.
"""
import gzip
import os
import struct

import torch
import torch.nn.functional as F

IMAGES_MAGIC = 0x00000803  # IDX: unsigned bytes, 3 dimensions
LABELS_MAGIC = 0x00000801  # IDX: unsigned bytes, 1 dimension
FMNIST_MEAN, FMNIST_STD = 0.2860, 0.3530  # engine/data/Normalizer.cpp known("fashion-mnist")
MAX_PAD = 8        # InputAdapter::kMaxPad: larger gaps would be resized, not padded
VAL_SHARE = 0.05   # SearchData holds this much out of both splits
CROP_PAD_AT_32 = 4  # Augmenter::defaultPadding: 4 px at 32 px, scaled with the size


def _read_idx(path, magic, limit):
    with gzip.open(path, "rb") as f:
        got, = struct.unpack(">I", f.read(4))
        if got != magic:
            raise ValueError(f"{path}: not an IDX file of the expected kind (magic {got:#x})")
        dims = struct.unpack(">" + "I" * (magic & 0xFF), f.read(4 * (magic & 0xFF)))
        n = min(limit, dims[0])
        per_item = 1
        for d in dims[1:]:
            per_item *= d
        data = bytearray(f.read(n * per_item))
    return torch.frombuffer(data, dtype=torch.uint8).view(n, *dims[1:])


def _adapt(images, channels, size):
    h = images.shape[-1]
    if h != size:
        if size < h or size - h > MAX_PAD:
            raise ValueError(f"the reference only pads (input {h} px, space {size} px)")
        top = (size - h) // 2
        images = F.pad(images, (top, size - h - top, top, size - h - top))
    return images.expand(-1, channels, -1, -1).contiguous()


def crop_padding(size):
    return max(1, round(CROP_PAD_AT_32 * size / 32.0))


class FmnistBatches:
    """w and θ splits of the first `limit` images; batch(split, order, step, augment)."""

    def __init__(self, data_dir, limit, channels, size, theta_share, generator):
        images = _read_idx(os.path.join(data_dir, "train-images-idx3-ubyte.gz"),
                           IMAGES_MAGIC, limit).unsqueeze(1)
        labels = _read_idx(os.path.join(data_dir, "train-labels-idx1-ubyte.gz"),
                           LABELS_MAGIC, limit).long()
        images = _adapt(images, channels, size)
        n = images.shape[0]
        rest = n - round(VAL_SHARE * n)
        n_theta = round(theta_share * rest)
        perm = torch.randperm(n, generator=generator)
        w_idx, theta_idx = perm[:rest - n_theta], perm[rest - n_theta:rest]
        self.w = (images[w_idx], labels[w_idx])
        self.theta = (images[theta_idx], labels[theta_idx])
        self.padding = crop_padding(size)
        self.generator = generator

    def steps(self, split, batch):
        return max(1, split[0].shape[0] // batch)

    def order(self, split):
        return torch.randperm(split[0].shape[0], generator=self.generator)

    def _augment(self, x):
        b, c, h, w = x.shape
        p = self.padding
        padded = F.pad(x, (p, p, p, p))
        dy = torch.randint(0, 2 * p + 1, (b, 1), generator=self.generator)
        dx = torch.randint(0, 2 * p + 1, (b, 1), generator=self.generator)
        flip = torch.randint(0, 2, (b, 1), generator=self.generator).bool()
        ar = torch.arange(w).view(1, w)
        rows = dy + torch.arange(h).view(1, h)
        cols = dx + torch.where(flip, (w - 1) - ar, ar)
        out = padded.gather(2, rows.view(b, 1, h, 1).expand(b, c, h, padded.shape[3]))
        return out.gather(3, cols.view(b, 1, 1, w).expand(b, c, h, w))

    def batch(self, split, order, step, batch, augment):
        idx = order[step * batch:(step + 1) * batch]
        x = split[0].index_select(0, idx)
        if augment:
            x = self._augment(x)
        x = (x.float() * (1.0 / (255.0 * FMNIST_STD)) - FMNIST_MEAN / FMNIST_STD)
        return x.contiguous(memory_format=torch.channels_last), split[1].index_select(0, idx)
