// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/nn/SkipBlock.h"
#include "engine/nn/ChannelsLast.h"
#include "engine/nn/FusedBatchNorm.h"
#include "engine/util/DnasError.h"

namespace dnas {

SkipBlockImpl::SkipBlockImpl(const LayerShape& shape) : shape_(shape) {
    if (shape.c_in < 1 || shape.c_out < 1 || shape.stride < 1)
        throw DnasError("", "op \"skip\"", "channels and stride must be positive");
    if (shape.c_in == shape.c_out && shape.stride == 1)
        return; // identity: no parameters
    conv = register_module(
        "conv",
        torch::nn::Conv2d(
            torch::nn::Conv2dOptions(shape.c_in, shape.c_out, 1).stride(shape.stride).bias(false)));
    bn = register_module("bn", torch::nn::BatchNorm2d(shape.c_out));
    convertToChannelsLast(*this);
}

void SkipBlockImpl::borrowKernel(const torch::nn::Conv2d& lender) {
    const auto& w = lender->weight;
    if (isIdentity() || borrowsKernel() || lender->options.groups() != 1 ||
        w.size(0) != shape_.c_out || w.size(1) < shape_.c_in || w.size(2) != 1)
        throw DnasError("", "op \"skip\"", "cannot share a kernel of shape " + c10::str(w.sizes()));
    lender_ = lender;
    unregister_module("conv");
}

torch::Tensor SkipBlockImpl::forward(torch::Tensor x) {
    if (conv.is_empty())
        return x;
    const torch::Tensor y =
        lender_.is_empty()
            ? conv->forward(x)
            : torch::conv2d(x, lender_->weight.narrow(1, 0, shape_.c_in), {}, shape_.stride);
    return FusedBatchNorm::forward(bn, y, /*relu=*/true);
}

} // namespace dnas
