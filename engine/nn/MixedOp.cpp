// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/nn/MixedOp.h"
#include "engine/nn/BlockFactory.h"
#include "engine/nn/IRBlock.h"
#include "engine/nn/SkipBlock.h"
#include "engine/util/DnasError.h"

#include <algorithm>
#include <string>

namespace dnas {

MixedOpImpl::MixedOpImpl(const std::vector<OpSpec>& ops, const LayerShape& shape, bool alwaysPw,
                         bool shareKernels)
    : ops_(ops), shape_(shape) {
    if (ops.empty())
        throw DnasError("", "candidates", "a mixed op needs at least one candidate");
    candidates = register_module("candidates", torch::nn::ModuleList());
    for (const auto& op : ops) {
        blocks_.push_back(makeBlock(op, shape, alwaysPw));
        candidates->push_back(blocks_.back().ptr());
        const auto& best = ops_[static_cast<size_t>(largest_)];
        if (!op.isSkip() && (best.isSkip() || std::make_pair(op.expansion, op.kernel) >
                                                  std::make_pair(best.expansion, best.kernel)))
            largest_ = static_cast<int64_t>(blocks_.size()) - 1;
    }
    if (shareKernels)
        this->shareKernels();
}

void MixedOpImpl::shareKernels() {
    std::vector<std::shared_ptr<IRBlockImpl>> blocks;
    for (const auto& b : blocks_)
        if (auto ir = std::dynamic_pointer_cast<IRBlockImpl>(b.ptr()))
            blocks.push_back(ir);
    // Widest first, then largest kernel: a block that can lend to another (at least as wide and
    // as large) then always comes before it, so every block finds its largest container.
    std::stable_sort(blocks.begin(), blocks.end(), [](const auto& a, const auto& b) {
        return std::make_pair(a->midChannels(), a->op().kernel) >
               std::make_pair(b->midChannels(), b->op().kernel);
    });
    std::vector<std::shared_ptr<IRBlockImpl>> owners;
    for (const auto& block : blocks) {
        auto owner = std::find_if(owners.begin(), owners.end(),
                                  [&](const auto& o) { return o->canLend(*block); });
        if (owner == owners.end())
            owners.push_back(block);
        else
            block->borrowKernels(*owner);
    }
    // A projecting skip borrows the widest ungrouped block's projection.
    auto lender = std::find_if(owners.begin(), owners.end(), [&](const auto& o) {
        return o->op().groups == 1 && o->midChannels() >= shape_.c_in;
    });
    if (lender == owners.end())
        return;
    for (const auto& b : blocks_)
        if (auto skip = std::dynamic_pointer_cast<SkipBlockImpl>(b.ptr());
            skip && !skip->isIdentity())
            skip->borrowKernel((*lender)->pwl);
}

torch::nn::AnyModule MixedOpImpl::block(int64_t index) const {
    if (index < 0 || index >= size())
        throw DnasError("", "",
                        "candidate index " + std::to_string(index) + " out of range 0.." +
                            std::to_string(size() - 1));
    return blocks_[static_cast<size_t>(index)];
}

torch::Tensor MixedOpImpl::forwardOne(const torch::Tensor& x, int64_t index) {
    return block(index).forward<torch::Tensor>(x);
}

torch::Tensor MixedOpImpl::forward(torch::Tensor x, torch::Tensor weights, bool sparse) {
    if (weights.dim() != 1 || weights.size(0) != size())
        throw DnasError("", "",
                        "mixing weights have shape " + c10::str(weights.sizes()) + ", expected [" +
                            std::to_string(size()) + "]");
    std::vector<int64_t> active;
    if (sparse) {
        // The values decide which paths run, so they have to come to the host.
        const auto host = weights.detach().to(at::kCPU, at::kDouble).contiguous();
        const double* w = host.data_ptr<double>();
        for (int64_t i = 0; i < size(); ++i)
            if (w[i] != 0.0)
                active.push_back(i);
        // All zero: the sum is zero, but its shape (and a graph to θ) still needs one path.
        if (active.empty())
            active.push_back(0);
    } else {
        for (int64_t i = 0; i < size(); ++i)
            active.push_back(i);
    }
    return forwardPaths(x, weights, active);
}

torch::Tensor MixedOpImpl::forwardPaths(const torch::Tensor& x, const torch::Tensor& weights,
                                        const std::vector<int64_t>& paths) {
    if (paths.empty())
        throw DnasError("", "", "a mixed op needs at least one path to run");
    // Accumulated in place: one pass over each path's output instead of a product and a sum
    // (neither mul's nor addcmul's backward reads the running sum).
    torch::Tensor out;
    for (const int64_t i : paths) {
        if (out.defined())
            out.addcmul_(forwardOne(x, i), weights[i]);
        else
            out = forwardOne(x, i) * weights[i];
    }
    return out;
}

} // namespace dnas
