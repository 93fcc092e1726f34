// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/nn/Head.h"
#include "engine/nn/MixedOp.h"
#include "engine/nn/Stem.h"
#include "engine/space/SearchSpace.h"

#include <torch/torch.h>
#include <vector>

namespace dnas {

// FBNet's supernet (docs/architecture.md §3, §4): stem -> one MixedOp per searchable layer -> head.
// θ is one parameter per layer, "theta_<l>" of size n_l (the layer's candidate count),
// initialised to zeros, i.e. the uniform distribution. The searcher turns θ into mixing
// weights (Gumbel softmax, temperature, hard or soft) and passes them to forward(); the
// supernet itself does no sampling, so every search mode uses the same module.
class SupernetImpl : public torch::nn::Module {
  public:
    // Throws DnasError when the space does not validate.
    // shareKernels: see MixedOpImpl (Single-Path-style superkernels within each layer).
    explicit SupernetImpl(const SearchSpace& space, bool shareKernels = false);

    // mix[l]: the 1-D mixing weights of layer l. sparse: skip candidates whose weight is
    // exactly 0 (see MixedOp). The input is made channels-last (docs/architecture.md §9).
    torch::Tensor forward(torch::Tensor x, const std::vector<torch::Tensor>& mix,
                          bool sparse = false);
    // Only the candidates paths[l] of each layer run, mixed by mix[l] (MixedOp::forwardPaths).
    torch::Tensor forwardPaths(torch::Tensor x, const std::vector<torch::Tensor>& mix,
                               const std::vector<std::vector<int64_t>>& paths);
    // One path through the supernet, choice[l] the candidate index of layer l (one-shot
    // evaluation of a sampled architecture).
    torch::Tensor forwardPath(torch::Tensor x, const std::vector<int64_t>& choice);

    // The two optimiser groups: every parameter except θ (SGD), and θ (Adam). Disjoint; together
    // they are parameters().
    std::vector<torch::Tensor> weightParameters() const;
    std::vector<torch::Tensor> thetaParameters() const { return thetas_; }
    torch::Tensor theta(int64_t layer) const;

    int64_t numLayers() const { return static_cast<int64_t>(layers_.size()); }
    const SearchSpace& space() const { return space_; }
    MixedOp layer(int64_t l) const;
    Stem stem() const { return stem_; }
    Head head() const { return head_; }

  private:
    void checkLayer(int64_t l) const;

    SearchSpace space_;
    Stem stem_{nullptr};
    torch::nn::ModuleList layerList_{nullptr}; // registration: "layers.<l>.candidates.<i>.*"
    std::vector<MixedOp> layers_;
    Head head_{nullptr};
    std::vector<torch::Tensor> thetas_;
};
TORCH_MODULE(Supernet);

} // namespace dnas
