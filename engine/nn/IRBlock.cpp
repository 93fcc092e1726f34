// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/nn/IRBlock.h"
#include "engine/cost/ModelCounter.h"
#include "engine/nn/BatchNormHook.h"
#include "engine/nn/ChannelsLast.h"
#include "engine/nn/FusedBatchNorm.h"
#include "engine/util/DnasError.h"

#include <string>
#include <vector>

namespace dnas {

namespace {
torch::nn::Conv2dOptions convOptions(int cIn, int cOut, int kernel, int stride, int groups,
                                     bool bias) {
    return torch::nn::Conv2dOptions(cIn, cOut, kernel)
        .stride(stride)
        .padding(kernel / 2) // odd kernels: output = ceil(input / stride), as LayerShape::outH
        .groups(groups)
        .bias(bias);
}
} // namespace

IRBlockImpl::IRBlockImpl(const OpSpec& op, const LayerShape& shape, bool alwaysPw)
    : op_(op), shape_(shape) {
    const std::string where = "op \"" + op.name + "\"";
    if (op.isSkip())
        throw DnasError("", where, "a skip op is not an inverted-residual block");
    if (shape.c_in < 1 || shape.c_out < 1 || shape.stride < 1)
        throw DnasError("", where, "channels and stride must be positive");
    if (op.kernel < 1 || op.kernel % 2 == 0 || op.expansion < 1 || op.groups < 1)
        throw DnasError("", where, "kernel must be odd, expansion and groups positive");
    if (op.act != "relu" && op.act != "hswish")
        throw DnasError("", where, "act must be relu or hswish, got \"" + op.act + "\"");
    mid_ = shape.c_in * op.expansion;
    const int g = op.groups;
    if (shape.c_in % g != 0 || mid_ % g != 0 || shape.c_out % g != 0)
        throw DnasError("", where,
                        std::to_string(g) + " groups do not divide channels " +
                            std::to_string(shape.c_in) + " -> " + std::to_string(shape.c_out));
    hswish_ = op.act == "hswish";
    residual_ = shape.stride == 1 && shape.c_in == shape.c_out;

    // mobile-vision drops the expansion conv of e=1 blocks (always_pw=false); the paper and the
    // Caffe2 models keep it as a C->C grouped 1x1 conv.
    if (op.expansion != 1 || alwaysPw) {
        pw =
            register_module("pw", torch::nn::Conv2d(convOptions(shape.c_in, mid_, 1, 1, g, false)));
        pwBn = register_module("pwBn", torch::nn::BatchNorm2d(mid_));
    }
    dw = register_module(
        "dw", torch::nn::Conv2d(convOptions(mid_, mid_, op.kernel, shape.stride, mid_, false)));
    dwBn = register_module("dwBn", torch::nn::BatchNorm2d(mid_));
    if (op.se) {
        const int se = ModelCounter::seChannels(mid_);
        seReduce =
            register_module("seReduce", torch::nn::Conv2d(convOptions(mid_, se, 1, 1, 1, true)));
        seExpand =
            register_module("seExpand", torch::nn::Conv2d(convOptions(se, mid_, 1, 1, 1, true)));
    }
    pwl = register_module("pwl", torch::nn::Conv2d(convOptions(mid_, shape.c_out, 1, 1, g, false)));
    pwlBn = register_module("pwlBn", torch::nn::BatchNorm2d(shape.c_out));
    convertToChannelsLast(*this);
}

torch::Tensor IRBlockImpl::normAct(torch::nn::BatchNorm2d& bn, const torch::Tensor& x) const {
    // h-swish stays out of place: its backward needs its input.
    return hswish_ ? torch::hardswish(BatchNormHook::apply(bn, x))
                   : FusedBatchNorm::forward(bn, x, /*relu=*/true);
}

torch::Tensor IRBlockImpl::squeezeExcite(const torch::Tensor& x) {
    auto s = torch::adaptive_avg_pool2d(x, {1, 1});
    s = torch::relu(seReduce->forward(s));
    s = seExpand->forward(s);
    // MobileNetV3 pairs h-swish blocks with the hard sigmoid gate, the cheap mobile variant.
    s = hswish_ ? torch::hardsigmoid(s) : torch::sigmoid(s);
    return x * s;
}

torch::Tensor IRBlockImpl::channelShuffle(const torch::Tensor& x, int64_t groups) {
    if (groups <= 1)
        return x;
    TORCH_CHECK(x.dim() == 4, "channelShuffle expects NCHW, got ", x.dim(), " dims");
    const int64_t n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
    TORCH_CHECK(c % groups == 0, "channelShuffle: ", c, " channels, ", groups, " groups");
    if (isChannelsLast(x)) {
        // Shuffle inside the physical NHWC layout: one copy, and the result is channels-last
        // again (a plain reshape would return NCHW and send the depthwise conv down the slow
        // path, docs/architecture.md §9).
        auto nhwc = x.permute({0, 2, 3, 1}); // a contiguous view
        auto shuffled = nhwc.reshape({n, h, w, groups, c / groups}).transpose(3, 4).contiguous();
        return shuffled.view({n, h, w, c}).permute({0, 3, 1, 2});
    }
    return x.reshape({n, groups, c / groups, h, w}).transpose(1, 2).reshape({n, c, h, w});
}

bool IRBlockImpl::canLend(const IRBlockImpl& other) const {
    const OpSpec& o = other.op_;
    if (o.act != op_.act || o.se != op_.se)
        return false;
    if (other.shape_.c_in != shape_.c_in || other.shape_.c_out != shape_.c_out ||
        other.shape_.stride != shape_.stride)
        return false;
    if (o.kernel > op_.kernel || other.mid_ > mid_)
        return false;
    // Grouped 1x1 convs borrow the diagonal blocks of an ungrouped owner's; between grouped
    // convs only at equal width and groups, since a slice would cut across their groups.
    if (op_.groups > 1 && (o.groups != op_.groups || other.mid_ != mid_))
        return false;
    // A block without the expansion conv reads its input directly: fine, it just uses none of
    // the owner's pw; but an owner without pw cannot lend one.
    return pw.is_empty() ? other.pw.is_empty() : true;
}

void IRBlockImpl::borrowKernels(const std::shared_ptr<IRBlockImpl>& owner) {
    if (!owner || owner.get() == this || owner->borrowsKernels() || !owner->canLend(*this))
        throw DnasError("", "op \"" + op_.name + "\"",
                        "cannot share kernels with " +
                            (owner ? "\"" + owner->op_.name + "\"" : std::string("nothing")));
    owner_ = owner;
    // The holders stay (their options still describe the convs); the weights leave the
    // parameter list, so optimisers, checkpoints and counts see each shared kernel once.
    if (!pw.is_empty())
        unregister_module("pw");
    unregister_module("dw");
    unregister_module("pwl");
}

namespace {
// The `groups` diagonal blocks of an ungrouped 1x1 kernel [out, in], stacked as the weight of
// the grouped conv [out, in / groups]: group j's outputs see only group j's inputs.
torch::Tensor diagonalBlocks(const torch::Tensor& w, int64_t groups) {
    if (groups == 1)
        return w;
    const int64_t out = w.size(0) / groups, in = w.size(1) / groups;
    std::vector<torch::Tensor> blocks;
    for (int64_t j = 0; j < groups; ++j)
        blocks.push_back(w.narrow(0, j * out, out).narrow(1, j * in, in));
    return torch::cat(blocks, 0);
}
} // namespace

torch::Tensor IRBlockImpl::kernelOf(const torch::nn::Conv2d& conv) const {
    if (!owner_)
        return conv->weight;
    const int64_t mid = mid_;
    // Owner and borrower have equal groups, or the owner is ungrouped (canLend).
    const int64_t g = op_.groups / owner_->op_.groups;
    if (conv.get() == pw.get())
        return diagonalBlocks(owner_->pw->weight.narrow(0, 0, mid), g);
    if (conv.get() == pwl.get())
        return diagonalBlocks(owner_->pwl->weight.narrow(1, 0, mid / owner_->op_.groups), g);
    const int64_t off = (owner_->op_.kernel - op_.kernel) / 2; // the centre, as Single-Path NAS
    return owner_->dw->weight.narrow(0, 0, mid)
        .narrow(2, off, op_.kernel)
        .narrow(3, off, op_.kernel);
}

torch::Tensor IRBlockImpl::convolve(torch::nn::Conv2d& conv, const torch::Tensor& x) const {
    if (!owner_)
        return conv->forward(x);
    const auto& o = conv->options;
    const int64_t pad = conv.get() == dw.get() ? op_.kernel / 2 : 0;
    return torch::conv2d(x, kernelOf(conv), {}, o.stride(), pad, o.dilation(), o.groups());
}

torch::Tensor IRBlockImpl::forward(torch::Tensor x) {
    torch::Tensor y = x;
    if (!pw.is_empty())
        y = normAct(pwBn, convolve(pw, y));
    // Shuffle whenever the 1x1 convs are grouped, even without the expansion conv: the
    // projection is grouped too, and the shuffle is what lets its groups see each other.
    y = channelShuffle(y, op_.groups);
    y = normAct(dwBn, convolve(dw, y));
    if (!seReduce.is_empty())
        y = squeezeExcite(y);
    y = FusedBatchNorm::forward(pwlBn, convolve(pwl, y), /*relu=*/false);
    if (residual_)
        y.add_(x); // batch norm's backward does not read its output
    return y;
}

} // namespace dnas
