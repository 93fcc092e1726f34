// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "space/LayerSpec.h"
#include "space/OpSpec.h"

#include <torch/torch.h>
#include <vector>

namespace dnas {

// One searchable layer of the supernet: a block per candidate op, all of the same layer shape.
// It holds no θ: the Supernet owns the architecture parameters and passes the mixing weights
// in, so that the same MixedOp serves soft Gumbel mixing, hard straight-through mixing and
// single-path evaluation.
class MixedOpImpl : public torch::nn::Module {
public:
    MixedOpImpl(const std::vector<OpSpec>& ops, const LayerShape& shape, bool alwaysPw);

    // Σ_i weights[i] · block_i(x); `weights` is 1-D with size() entries, on any device.
    // sparse: candidates whose weight is exactly 0 are not run at all. With a hard
    // straight-through one-hot (one_hot - soft.detach() + soft) the mix then costs one path
    // (GDAS), and the gradient still reaches θ through the chosen weight. Reading the weights
    // to decide costs a device-to-host copy of n numbers.
    torch::Tensor forward(torch::Tensor x, torch::Tensor weights, bool sparse = false);
    torch::Tensor forwardSparse(const torch::Tensor& x, const torch::Tensor& weights) {
        return forward(x, weights, true);
    }
    // The output of candidate `index` alone (unweighted).
    torch::Tensor forwardOne(const torch::Tensor& x, int64_t index);

    int64_t size() const { return static_cast<int64_t>(blocks_.size()); }
    const std::vector<OpSpec>& ops() const { return ops_; }
    const LayerShape& shape() const { return shape_; }
    // The type-erased block of candidate `index`, sharing the module (ptr()->as<IRBlockImpl>()
    // for the concrete one).
    torch::nn::AnyModule block(int64_t index) const;

private:
    std::vector<OpSpec> ops_;
    LayerShape shape_;
    std::vector<torch::nn::AnyModule> blocks_; // typed forward; same modules as `candidates`
    torch::nn::ModuleList candidates{nullptr};  // registration: names "candidates.<i>.*"
};
TORCH_MODULE(MixedOp);

} // namespace dnas
