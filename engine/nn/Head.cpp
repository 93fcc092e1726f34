// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/nn/Head.h"
#include "engine/nn/ChannelsLast.h"
#include "engine/nn/FusedBatchNorm.h"
#include "engine/util/DnasError.h"

namespace dnas {

HeadImpl::HeadImpl(int cIn, int cHead, int numClasses) {
    if (cIn < 1 || cHead < 1 || numClasses < 1)
        throw DnasError("", "head", "channels and classes must be positive");
    conv = register_module("conv",
                           torch::nn::Conv2d(torch::nn::Conv2dOptions(cIn, cHead, 1).bias(false)));
    bn = register_module("bn", torch::nn::BatchNorm2d(cHead));
    pool = register_module("pool",
                           torch::nn::AdaptiveAvgPool2d(torch::nn::AdaptiveAvgPool2dOptions(1)));
    fc = register_module("fc", torch::nn::Linear(cHead, numClasses));
    convertToChannelsLast(*this);
}

torch::Tensor HeadImpl::forwardConv(const torch::Tensor& x) {
    return FusedBatchNorm::forward(bn, conv->forward(x), /*relu=*/true);
}

torch::Tensor HeadImpl::forwardPool(const torch::Tensor& x) {
    return torch::flatten(pool->forward(x), 1);
}

torch::Tensor HeadImpl::forwardFc(const torch::Tensor& x) {
    return fc->forward(x);
}

torch::Tensor HeadImpl::forward(torch::Tensor x) {
    return forwardFc(forwardPool(forwardConv(x)));
}

} // namespace dnas
