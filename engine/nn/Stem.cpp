// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/nn/Stem.h"
#include "engine/nn/ChannelsLast.h"
#include "engine/nn/FusedBatchNorm.h"
#include "engine/util/DnasError.h"

namespace dnas {

StemImpl::StemImpl(int cIn, int cOut, int stride) {
    if (cIn < 1 || cOut < 1 || stride < 1)
        throw DnasError("", "stem", "channels and stride must be positive");
    conv = register_module(
        "conv", torch::nn::Conv2d(
                    torch::nn::Conv2dOptions(cIn, cOut, 3).stride(stride).padding(1).bias(false)));
    bn = register_module("bn", torch::nn::BatchNorm2d(cOut));
    convertToChannelsLast(*this);
}

torch::Tensor StemImpl::forward(torch::Tensor x) {
    return FusedBatchNorm::forward(bn, conv->forward(x), /*relu=*/true);
}

} // namespace dnas
