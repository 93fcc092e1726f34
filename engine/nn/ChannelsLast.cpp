// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/nn/ChannelsLast.h"

namespace dnas {

void convertToChannelsLast(torch::nn::Module& module) {
    torch::NoGradGuard noGrad;
    for (auto& p : module.parameters(/*recurse=*/true)) {
        if (p.dim() != 4 || p.suggest_memory_format() == at::MemoryFormat::ChannelsLast)
            continue;
        // Not p.contiguous(ChannelsLast): a 1x1 or depthwise weight ([O, I, 1, 1], [C, 1, k, k])
        // counts as contiguous in both layouts and would keep its NCHW strides; a convolution
        // picks its layout from strides (suggest_memory_format), so the whole net ran NCHW.
        torch::Tensor cl = torch::empty_like(p, at::MemoryFormat::ChannelsLast);
        cl.copy_(p);
        p.set_data(cl);
    }
}

torch::Tensor toChannelsLast(const torch::Tensor& x) {
    if (x.dim() != 4)
        return x;
    return x.contiguous(at::MemoryFormat::ChannelsLast);
}

bool isChannelsLast(const torch::Tensor& x) {
    return x.dim() == 4 && x.is_contiguous(at::MemoryFormat::ChannelsLast);
}

} // namespace dnas
