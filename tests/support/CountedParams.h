// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <torch/torch.h>

namespace dnas::testsupport {

// Conv and fc weights plus biases, BN excluded: what ModelCounter counts.
inline int64_t countedParams(torch::nn::Module& m) {
    int64_t n = 0;
    for (const auto& item : m.named_modules()) {
        const auto& mod = item.value();
        if (!mod->as<torch::nn::Conv2dImpl>() && !mod->as<torch::nn::LinearImpl>())
            continue;
        for (const auto& p : mod->parameters(/*recurse=*/false))
            n += p.numel();
    }
    return n;
}

} // namespace dnas::testsupport
