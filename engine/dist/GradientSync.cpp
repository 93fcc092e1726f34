// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/dist/GradientSync.h"
#include "engine/dist/DistContext.h"

namespace dnas {

void GradientSync::average(const std::vector<torch::Tensor>& parameters) {
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> grads;
    for (const auto& p : parameters)
        if (p.grad().defined())
            grads.push_back(p.grad());
    if (grads.empty())
        return;
    std::vector<torch::Tensor> flat;
    flat.reserve(grads.size());
    // reshape() reads in logical (NCHW) order whatever the layout; copy_ below writes back in
    // the same order, so channels-last gradients round-trip unchanged.
    for (const auto& g : grads)
        flat.push_back(g.reshape({-1}));
    torch::Tensor buffer = torch::cat(flat);
    context_.allReduce(buffer);
    buffer.div_(context_.size());
    int64_t offset = 0;
    for (auto& g : grads) {
        g.copy_(buffer.slice(0, offset, offset + g.numel()).view(g.sizes()));
        offset += g.numel();
    }
}

void GradientSync::average(torch::optim::Optimizer& optimizer) {
    std::vector<torch::Tensor> all;
    for (auto& group : optimizer.param_groups())
        all.insert(all.end(), group.params().begin(), group.params().end());
    average(all);
}

} // namespace dnas
