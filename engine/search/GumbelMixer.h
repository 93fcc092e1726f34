// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <torch/torch.h>
#include <vector>

namespace dnas {

// Turns θ into per-layer mixing weights m_l = softmax((θ_l + g_l)/τ), g ~ Gumbel(0, 1).
// Hard mode returns one_hot(argmax m) − m.detach() + m: one path forward, the soft gradient
// backward (straight-through, GDAS-style).
class GumbelMixer {
  public:
    // ProxylessNAS's binary gates (Cai et al. 2019), for the θ step of the two-path mode: per
    // layer, two distinct candidates drawn from softmax(θ) without replacement (Gumbel top-2),
    // the first of which is the active path. mix is the straight-through one-hot of the active
    // path over the pair's softmax: the forward pass is that path alone, while the gradient
    // compares the two (dL/dθ_i = Σ_k dL/dg_k · s_k(δ_ik − s_i) over the pair), where GDAS's
    // single path only tells θ how the chosen output should scale.
    struct Pairs {
        std::vector<torch::Tensor> mix;
        std::vector<std::vector<int64_t>> paths; // per layer: {active, other}
    };
    static Pairs samplePairs(const std::vector<torch::Tensor>& thetas, at::Generator& generator);
    // The noise comes from `generator` so a run is reproducible and resumable.
    static std::vector<torch::Tensor> sample(const std::vector<torch::Tensor>& thetas, double tau,
                                             bool hard, at::Generator& generator);
    static torch::Tensor gumbelNoise(int64_t n, at::Generator& generator,
                                     const torch::TensorOptions& options);
    // softmax(θ_l) per layer, detached, on the CPU, as plain numbers.
    static std::vector<std::vector<double>> probabilities(const std::vector<torch::Tensor>& thetas);
    static double entropy(const std::vector<double>& p);
};

} // namespace dnas
