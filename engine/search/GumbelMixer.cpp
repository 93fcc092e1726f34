// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/search/GumbelMixer.h"

#include <cmath>

namespace dnas {

namespace {
constexpr double kUniformEps = 1e-10; // keeps log(-log(u)) finite at u = 0 or 1
}

torch::Tensor GumbelMixer::gumbelNoise(int64_t n, at::Generator& generator,
                                       const torch::TensorOptions& options) {
    // Drawn on the CPU from the run's generator, then moved: identical on every device.
    torch::Tensor u = at::rand({n}, generator, torch::TensorOptions().dtype(torch::kFloat));
    u = u.clamp(kUniformEps, 1.0 - kUniformEps);
    return (-torch::log(-torch::log(u))).to(options.device());
}

std::vector<torch::Tensor> GumbelMixer::sample(const std::vector<torch::Tensor>& thetas, double tau,
                                               bool hard, at::Generator& generator) {
    std::vector<torch::Tensor> mix;
    mix.reserve(thetas.size());
    for (const auto& theta : thetas) {
        const torch::Tensor g = gumbelNoise(theta.size(0), generator, theta.options());
        torch::Tensor soft = torch::softmax((theta + g) / tau, 0);
        if (hard) {
            const torch::Tensor oneHot =
                torch::zeros_like(soft).scatter_(0, soft.argmax(0, true), 1.0);
            soft = oneHot - soft.detach() + soft;
        }
        mix.push_back(soft);
    }
    return mix;
}

GumbelMixer::Pairs GumbelMixer::samplePairs(const std::vector<torch::Tensor>& thetas,
                                            at::Generator& generator) {
    Pairs out;
    for (const auto& theta : thetas) {
        const int64_t n = theta.size(0);
        const torch::Tensor g = gumbelNoise(n, generator, theta.options());
        if (n < 2) {
            out.mix.push_back(torch::ones_like(theta) - theta.detach() + theta);
            out.paths.push_back({0});
            continue;
        }
        // The two largest of θ + g: a sample from softmax(θ), then one from the rest.
        const torch::Tensor keys = (theta.detach() + g).to(at::kCPU);
        const torch::Tensor top = std::get<1>(keys.topk(2));
        const std::vector<int64_t> pair{top[0].item<int64_t>(), top[1].item<int64_t>()};
        const torch::Tensor index = torch::tensor(pair, torch::kLong).to(theta.device());
        const torch::Tensor soft = torch::softmax(theta.index_select(0, index), 0);
        const torch::Tensor gate =
            torch::tensor({1.0f, 0.0f}, theta.options()) - soft.detach() + soft;
        out.mix.push_back(torch::zeros_like(theta).scatter(0, index, gate));
        out.paths.push_back(pair);
    }
    return out;
}

std::vector<std::vector<double>>
GumbelMixer::probabilities(const std::vector<torch::Tensor>& thetas) {
    torch::NoGradGuard noGrad;
    std::vector<std::vector<double>> out;
    for (const auto& theta : thetas) {
        const torch::Tensor p = torch::softmax(theta.detach().cpu().to(torch::kDouble), 0);
        out.emplace_back(p.data_ptr<double>(), p.data_ptr<double>() + p.numel());
    }
    return out;
}

double GumbelMixer::entropy(const std::vector<double>& p) {
    double h = 0.0;
    for (double v : p)
        if (v > 0.0)
            h -= v * std::log(v);
    return h;
}

} // namespace dnas
