// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <torch/torch.h>

#include <vector>

namespace dnas {

class DistContext;

// Averages gradients over all ranks between backward() and the optimiser step, so every rank
// applies the same update to the same weights. The defined gradients travel packed in one
// buffer: a supernet has hundreds of small tensors, and each all-reduce pays a round trip.
// Which gradients are defined follows from the graph, which is the same on every rank.
class GradientSync {
  public:
    explicit GradientSync(DistContext& context) : context_(context) {}

    void average(const std::vector<torch::Tensor>& parameters);
    // Every parameter of every group of `optimizer`.
    void average(torch::optim::Optimizer& optimizer);

  private:
    DistContext& context_;
};

} // namespace dnas
