// SPDX-License-Identifier: GPL-3.0-or-later
#include "nn/MixedOp.h"
#include "nn/BlockFactory.h"
#include "util/DnasError.h"

#include <string>

namespace dnas {

MixedOpImpl::MixedOpImpl(const std::vector<OpSpec>& ops, const LayerShape& shape, bool alwaysPw)
    : ops_(ops), shape_(shape) {
    if (ops.empty()) throw DnasError("", "candidates", "a mixed op needs at least one candidate");
    candidates = register_module("candidates", torch::nn::ModuleList());
    for (const auto& op : ops) {
        blocks_.push_back(makeBlock(op, shape, alwaysPw));
        candidates->push_back(blocks_.back().ptr());
    }
}

torch::nn::AnyModule MixedOpImpl::block(int64_t index) const {
    if (index < 0 || index >= size())
        throw DnasError("", "", "candidate index " + std::to_string(index) + " out of range 0.." +
                                    std::to_string(size() - 1));
    return blocks_[static_cast<size_t>(index)];
}

torch::Tensor MixedOpImpl::forwardOne(const torch::Tensor& x, int64_t index) {
    return block(index).forward<torch::Tensor>(x);
}

torch::Tensor MixedOpImpl::forward(torch::Tensor x, torch::Tensor weights, bool sparse) {
    if (weights.dim() != 1 || weights.size(0) != size())
        throw DnasError("", "", "mixing weights have shape " + c10::str(weights.sizes()) +
                                    ", expected [" + std::to_string(size()) + "]");
    std::vector<int64_t> active;
    if (sparse) {
        // The values decide which paths run, so they have to come to the host.
        const auto host = weights.detach().to(at::kCPU, at::kDouble).contiguous();
        const double* w = host.data_ptr<double>();
        for (int64_t i = 0; i < size(); ++i)
            if (w[i] != 0.0) active.push_back(i);
        // All zero: the sum is zero, but its shape (and a graph to θ) still needs one path.
        if (active.empty()) active.push_back(0);
    } else {
        for (int64_t i = 0; i < size(); ++i) active.push_back(i);
    }
    torch::Tensor out;
    for (const int64_t i : active) {
        torch::Tensor term = weights[i] * forwardOne(x, i);
        out = out.defined() ? out + term : term;
    }
    return out;
}

} // namespace dnas
