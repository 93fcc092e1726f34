// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/SkipBlock.h"
#include "nn/BatchNormHook.h"
#include "nn/ChannelsLast.h"
#include "util/DnasError.h"

namespace dnas {

SkipBlockImpl::SkipBlockImpl(const LayerShape& shape) : shape_(shape) {
    if (shape.c_in < 1 || shape.c_out < 1 || shape.stride < 1)
        throw DnasError("", "op \"skip\"", "channels and stride must be positive");
    if (shape.c_in == shape.c_out && shape.stride == 1) return; // identity: no parameters
    conv = register_module("conv", torch::nn::Conv2d(torch::nn::Conv2dOptions(
                                                         shape.c_in, shape.c_out, 1)
                                                         .stride(shape.stride)
                                                         .bias(false)));
    bn = register_module("bn", torch::nn::BatchNorm2d(shape.c_out));
    convertToChannelsLast(*this);
}

torch::Tensor SkipBlockImpl::forward(torch::Tensor x) {
    if (conv.is_empty()) return x;
    return BatchNormHook::apply(bn, conv->forward(x)).relu_();
}

} // namespace dnas
