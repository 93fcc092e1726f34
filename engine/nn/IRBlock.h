// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/space/LayerSpec.h"
#include "engine/space/OpSpec.h"

#include <torch/torch.h>

namespace dnas {

// FBNet's inverted-residual block (docs/architecture.md §5), plus the FBNetV2/V3 extensions an
// OpSpec can ask for (any odd kernel, squeeze-excite, h-swish):
//   [1x1 group conv C->C*e + BN + act]   omitted when e == 1 and !alwaysPw
//   [channel shuffle]                    when groups > 1
//   kxk depthwise (stride s, pad k/2) + BN + act
//   [squeeze-excite]                     avgpool, 1x1+bias, ReLU, 1x1+bias, (hard-)sigmoid, mul
//   1x1 group conv C*e->C_out + BN       linear bottleneck: no activation
//   [+ x]                                when s == 1 and C_in == C_out
// The structure matches ModelCounter::block exactly, which the tests check parameter by
// parameter, so LUT, FLOPs and the trained nets all describe the same block.
class IRBlockImpl : public torch::nn::Module {
  public:
    IRBlockImpl(const OpSpec& op, const LayerShape& shape, bool alwaysPw);

    torch::Tensor forward(torch::Tensor x);

    // ShuffleNet's channel shuffle: view channels as (groups, C/groups), transpose, flatten.
    // Keeps the input's memory format (channels-last stays channels-last).
    static torch::Tensor channelShuffle(const torch::Tensor& x, int64_t groups);

    // Single-Path-style shared kernels: this block stops owning its three convolution weights
    // and uses slices of `owner`'s instead — the first midChannels() channels, and the centre
    // k×k of the owner's depthwise kernel. Its batch norms (and SE) stay its own: statistics
    // differ per candidate. The owner must be able to hold this block (canLend).
    void borrowKernels(const std::shared_ptr<IRBlockImpl>& owner);
    // True when this block's kernels contain `other`'s: same activation, SE and shape, kernel and
    // channels at least as large; a grouped `other` takes the diagonal blocks of ungrouped 1x1
    // kernels, or shares a grouped owner's at equal width and groups.
    bool canLend(const IRBlockImpl& other) const;
    bool borrowsKernels() const { return owner_ != nullptr; }

    const OpSpec& op() const { return op_; }
    const LayerShape& shape() const { return shape_; }
    int midChannels() const { return mid_; }
    bool hasPointwise() const { return !pw.is_empty(); }
    bool hasResidual() const { return residual_; }
    bool hasSqueezeExcite() const { return !seReduce.is_empty(); }

    // Children are public so that exporters and the latency measurer can walk them; empty
    // holders mark the optional parts that this op does not have.
    torch::nn::Conv2d pw{nullptr};
    torch::nn::BatchNorm2d pwBn{nullptr};
    torch::nn::Conv2d dw{nullptr};
    torch::nn::BatchNorm2d dwBn{nullptr};
    torch::nn::Conv2d seReduce{nullptr};
    torch::nn::Conv2d seExpand{nullptr};
    torch::nn::Conv2d pwl{nullptr};
    torch::nn::BatchNorm2d pwlBn{nullptr};

  private:
    // Batch norm and the block's activation (FusedBatchNorm for ReLU).
    torch::Tensor normAct(torch::nn::BatchNorm2d& bn, const torch::Tensor& x) const;
    torch::Tensor squeezeExcite(const torch::Tensor& x);
    // conv's options with this block's weight: its own, or the owner's slice.
    torch::Tensor convolve(torch::nn::Conv2d& conv, const torch::Tensor& x) const;
    torch::Tensor kernelOf(const torch::nn::Conv2d& conv) const;

    OpSpec op_;
    LayerShape shape_;
    int mid_ = 0;
    bool residual_ = false;
    bool hswish_ = false;
    std::shared_ptr<IRBlockImpl> owner_; // set when the kernels are borrowed
};
TORCH_MODULE(IRBlock);

} // namespace dnas
