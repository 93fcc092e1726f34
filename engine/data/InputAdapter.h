// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/data/Dataset.h"

#include <string>

namespace dnas {

// Makes any dataset fit any search space's input (channels x size x size), so Fashion-MNIST can
// feed a CIFAR-shaped space and the other way round.
// Geometry: when the target is at most kMaxPad px larger in both dimensions the image is
// zero-padded, centred (28 -> 32: 2 px each side), so pixels are not resampled; otherwise it is
// resized bilinearly (antialiased when shrinking) so its shorter side is `size`, then
// centre-cropped to a square (no distortion of non-square images).
// Channels: 1 -> C replicates the plane; 3 -> 1 takes luminance (ITU-R BT.601, 0.299 R +
// 0.587 G + 0.114 B, what PIL's "L" mode does).
class InputAdapter {
  public:
    static constexpr int kMaxPad = 8;

    InputAdapter() = default; // identity
    InputAdapter(int channels, int size);

    int channels() const { return channels_; }
    int size() const { return size_; }
    bool isIdentityFor(int c, int h, int w) const {
        return channels_ == 0 || (c == channels_ && h == size_ && w == size_);
    }

    // (N,C,H,W) uint8 or float -> (N,channels,size,size) of the same dtype. Works on a batch;
    // no copy when nothing changes.
    torch::Tensor apply(const torch::Tensor& images) const;

    // The whole dataset, in chunks so a resize never holds all of it as float.
    Dataset apply(const Dataset& data) const;

    // One line for logs and model cards, e.g. "28x28x1 -> 32x32x3: zero-pad 2 px, replicate
    // 1 -> 3 channels".
    std::string describe(int c, int h, int w) const;

    // Bilinear resize of uint8/float images to (h, w); uint8 is rounded and clamped.
    static torch::Tensor resize(const torch::Tensor& images, int h, int w);
    // 1 -> n replication, 3 -> 1 luminance; same dtype out. Throws for other combinations.
    static torch::Tensor convertChannels(const torch::Tensor& images, int channels);

  private:
    torch::Tensor geometry(const torch::Tensor& images) const;
    int channels_ = 0; // 0: identity
    int size_ = 0;
};

} // namespace dnas
