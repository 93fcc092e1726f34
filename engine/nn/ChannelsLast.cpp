// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/ChannelsLast.h"

namespace dnas {

void convertToChannelsLast(torch::nn::Module& module) {
    torch::NoGradGuard noGrad;
    for (auto& p : module.parameters(/*recurse=*/true)) {
        if (p.dim() != 4 || p.is_contiguous(at::MemoryFormat::ChannelsLast)) continue;
        p.set_data(p.contiguous(at::MemoryFormat::ChannelsLast));
    }
}

torch::Tensor toChannelsLast(const torch::Tensor& x) {
    if (x.dim() != 4) return x;
    return x.contiguous(at::MemoryFormat::ChannelsLast);
}

bool isChannelsLast(const torch::Tensor& x) {
    return x.dim() == 4 && x.is_contiguous(at::MemoryFormat::ChannelsLast);
}

} // namespace dnas
