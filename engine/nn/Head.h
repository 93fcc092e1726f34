// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <torch/torch.h>

namespace dnas {

// The fixed end of every FBNet net: 1x1 conv C_last->C_head + BN + ReLU, global average pool,
// flatten, fc (with bias). The LUT keeps head, pool and fc as separate fixed costs, so each
// stage is also callable alone (forwardConv / forwardPool / forwardFc), and the children are
// public for timing them one by one.
class HeadImpl : public torch::nn::Module {
  public:
    HeadImpl(int cIn, int cHead, int numClasses);

    // Logits, N x numClasses.
    torch::Tensor forward(torch::Tensor x);

    torch::Tensor forwardConv(const torch::Tensor& x); // N x C_head x H x W
    torch::Tensor forwardPool(const torch::Tensor& x); // N x C_head
    torch::Tensor forwardFc(const torch::Tensor& x);   // N x numClasses

    torch::nn::Conv2d conv{nullptr};
    torch::nn::BatchNorm2d bn{nullptr};
    torch::nn::AdaptiveAvgPool2d pool{nullptr};
    torch::nn::Linear fc{nullptr};
};
TORCH_MODULE(Head);

} // namespace dnas
