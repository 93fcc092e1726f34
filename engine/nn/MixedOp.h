// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/space/LayerSpec.h"
#include "engine/space/OpSpec.h"

#include <torch/torch.h>
#include <vector>

namespace dnas {

// One searchable layer of the supernet: a block per candidate op, all of the same layer shape.
// It holds no θ: the Supernet owns the architecture parameters and passes the mixing weights
// in, so that the same MixedOp serves soft Gumbel mixing, hard straight-through mixing and
// single-path evaluation.
class MixedOpImpl : public torch::nn::Module {
  public:
    // shareKernels: candidates whose kernels fit inside a larger candidate's (k3 in k5, e3 in e6,
    // grouped 1x1 convs as diagonal blocks) use slices of that candidate's weights, and a
    // projecting skip its projection (Single-Path NAS's superkernel; IRBlockImpl::borrowKernels,
    // SkipBlockImpl::borrowKernel): every path then also trains the kernels of the others.
    MixedOpImpl(const std::vector<OpSpec>& ops, const LayerShape& shape, bool alwaysPw,
                bool shareKernels = false);

    // Σ_i weights[i] · block_i(x); `weights` is 1-D with size() entries, on any device.
    // sparse: candidates whose weight is exactly 0 are not run at all. With a hard
    // straight-through one-hot (one_hot - soft.detach() + soft) the mix then costs one path
    // (GDAS), and the gradient still reaches θ through the chosen weight. Reading the weights
    // to decide costs a device-to-host copy of n numbers.
    torch::Tensor forward(torch::Tensor x, torch::Tensor weights, bool sparse = false);
    // Σ_{i in paths} weights[i] · block_i(x): the listed candidates run whatever their weight,
    // so a path whose weight is 0 still gives that weight its gradient (two-path mode).
    torch::Tensor forwardPaths(const torch::Tensor& x, const torch::Tensor& weights,
                               const std::vector<int64_t>& paths);
    torch::Tensor forwardSparse(const torch::Tensor& x, const torch::Tensor& weights) {
        return forward(x, weights, true);
    }
    // The widest, then largest-kernel inverted-residual candidate (the one that lends its kernels
    // to the most others when they are shared); 0 when the layer has none.
    int64_t largestCandidate() const { return largest_; }
    // The output of candidate `index` alone (unweighted).
    torch::Tensor forwardOne(const torch::Tensor& x, int64_t index);

    int64_t size() const { return static_cast<int64_t>(blocks_.size()); }
    const std::vector<OpSpec>& ops() const { return ops_; }
    const LayerShape& shape() const { return shape_; }
    // The type-erased block of candidate `index`, sharing the module (ptr()->as<IRBlockImpl>()
    // for the concrete one).
    torch::nn::AnyModule block(int64_t index) const;

  private:
    void shareKernels();

    std::vector<OpSpec> ops_;
    LayerShape shape_;
    int64_t largest_ = 0;
    std::vector<torch::nn::AnyModule> blocks_; // typed forward; same modules as `candidates`
    torch::nn::ModuleList candidates{nullptr}; // registration: names "candidates.<i>.*"
};
TORCH_MODULE(MixedOp);

} // namespace dnas
