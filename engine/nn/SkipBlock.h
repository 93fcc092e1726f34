// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/space/LayerSpec.h"

#include <torch/torch.h>

namespace dnas {

// FBNet's `skip` candidate (docs/architecture.md §5): the identity when the shape is unchanged,
// otherwise the cheapest block that can change it, a 1x1 conv (stride s) + BN + ReLU. Choosing skip
// in a layer that must change shape therefore still costs something, as ModelCounter counts it.
class SkipBlockImpl : public torch::nn::Module {
  public:
    explicit SkipBlockImpl(const LayerShape& shape);

    torch::Tensor forward(torch::Tensor x);

    bool isIdentity() const { return conv.is_empty(); }
    // Shared kernels (MixedOp): the 1x1 conv becomes the first c_in input columns of `lender`,
    // an IR block's projection (c_out x mid, mid >= c_in, ungrouped) — the skip then writes
    // into the same output basis as the blocks it competes with. Its batch norm stays its own.
    void borrowKernel(const torch::nn::Conv2d& lender);
    bool borrowsKernel() const { return !lender_.is_empty(); }
    const LayerShape& shape() const { return shape_; }

    // Empty for the identity.
    torch::nn::Conv2d conv{nullptr};
    torch::nn::BatchNorm2d bn{nullptr};

  private:
    LayerShape shape_;
    torch::nn::Conv2d lender_{nullptr};
};
TORCH_MODULE(SkipBlock);

} // namespace dnas
