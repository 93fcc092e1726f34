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
