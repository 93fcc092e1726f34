// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <torch/torch.h>

namespace dnas {

// The fixed first layer of every FBNet net: 3x3 conv (stride s, pad 1, no bias) + BN + ReLU.
// A module of its own so that the LUT measurer can time it alone (the LUT's fixed "stem" cost).
class StemImpl : public torch::nn::Module {
  public:
    StemImpl(int cIn, int cOut, int stride);

    torch::Tensor forward(torch::Tensor x);

    torch::nn::Conv2d conv{nullptr};
    torch::nn::BatchNorm2d bn{nullptr};
};
TORCH_MODULE(Stem);

} // namespace dnas
