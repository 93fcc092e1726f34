// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <torch/torch.h>

namespace dnas {

class DistContext;

// Training-mode BatchNorm2d over the global batch when each rank holds a shard of it, as
// PyTorch's SyncBatchNorm: the forward all-reduces per-channel [n·mean, n·(var + mean²), n],
// the backward [Σdy, Σdy·(x − mean)], so outputs and input gradients equal those of one
// process on the whole batch. The weight and bias gradients stay per rank (GradientSync
// averages them with the rest), and the running statistics get the same global update on
// every rank, so they never drift apart.
class SyncBatchNorm {
  public:
    static torch::Tensor forward(torch::nn::BatchNorm2dImpl& bn, const torch::Tensor& x,
                                 DistContext& context);
};

} // namespace dnas
