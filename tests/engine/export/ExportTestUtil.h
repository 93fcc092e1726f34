// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Nets for the exporter tests: FBNet-A/B/C in a space, and a space that uses every extension
// (k7, SE, h-swish, g2 blocks, skip projections), with random non-trivial BN statistics so that
// folding BN into the convs is actually exercised.
#include "engine/nn/ChildNet.h"
#include "engine/space/Architecture.h"
#include "engine/space/SearchSpace.h"

#include <nlohmann/json.hpp>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace dnas::exporttest {

inline SearchSpace customSpace() {
    nlohmann::json j = {
        {"format", "dnas-space/1"},
        {"name", "export-custom"},
        {"input", {{"channels", 3}, {"size", 32}}},
        {"num_classes", 10},
        {"stem", {{"c_out", 16}, {"stride", 1}}},
        {"head", {{"c_out", 64}}},
        {"options", {{"always_pw", true}}},
        {"ops",
         {{"k7_e6", {{"kernel", 7}, {"expansion", 6}}},
          {"k3_e6_se", {{"kernel", 3}, {"expansion", 6}, {"se", true}}},
          {"k5_e3_hs", {{"kernel", 5}, {"expansion", 3}, {"act", "hswish"}}},
          {"k3_e6_se_hs", {{"kernel", 3}, {"expansion", 6}, {"se", true}, {"act", "hswish"}}},
          {"k3_e1_g2_se", {{"kernel", 3}, {"expansion", 1}, {"groups", 2}, {"se", true}}}}},
        {"layers", nlohmann::json::array()}};
    auto layer = [&](int c, int s, const std::string& op, int stage) {
        j["layers"].push_back(
            {{"c_out", c}, {"stride", s}, {"candidates", {op}}, {"stage", stage}});
    };
    layer(16, 1, "k7_e6", 0);       // k7, residual
    layer(24, 2, "skip", 1);        // skip projection (1x1 conv, stride 2)
    layer(24, 1, "k3_e6_se", 1);    // SE with sigmoid gate, residual
    layer(32, 2, "k5_e3_hs", 2);    // h-swish
    layer(32, 1, "k3_e6_se_hs", 2); // SE with hard-sigmoid gate, residual
    layer(32, 1, "k3_e1_g2", 2);    // g2 + shuffle, residual
    layer(48, 1, "k5_e1_g2", 3);    // g2 + shuffle, no residual
    layer(48, 1, "skip", 3);        // identity
    return SearchSpace::fromJson(j, "customSpace");
}

inline Architecture onlyCandidates(const SearchSpace& s) {
    Architecture a;
    a.space = s.name;
    for (const auto& l : s.layers)
        a.ops.push_back(l.candidates.front());
    return a;
}

// Random running statistics and affine parameters in every BN, as a trained net would have.
// Freshly initialised running stats (mean 0, var 1) do not normalise anything in eval mode and
// the signal dies out over 22 layers, leaving logits that ignore the input; so the stats are
// first calibrated on a random batch (momentum 1), then perturbed.
inline void randomizeBn(ChildNet& net, uint64_t seed) {
    torch::manual_seed(seed);
    torch::NoGradGuard noGrad;
    std::vector<torch::nn::BatchNorm2dImpl*> bns;
    for (const auto& m : net->modules(false))
        if (auto* bn = dynamic_cast<torch::nn::BatchNorm2dImpl*>(m.get()))
            bns.push_back(bn);
    for (auto* bn : bns) {
        const int64_t c = bn->running_mean.size(0);
        bn->weight.copy_(torch::rand({c}) + 0.5);
        bn->bias.copy_(torch::randn({c}) * 0.2);
        bn->options.momentum(1.0);
    }
    const SearchSpace& s = net->space();
    net->train();
    net->forward(torch::randn({16, s.input_channels, s.input_size, s.input_size}));
    for (auto* bn : bns) {
        const int64_t c = bn->running_mean.size(0);
        bn->running_var.mul_(torch::rand({c}) + 0.5);
        bn->running_mean.add_(torch::randn({c}) * 0.2 * bn->running_var.sqrt());
        bn->options.momentum(0.1);
    }
    // Normalised random features over 1504 channels give logits of ~60, where float32 rounding
    // alone reaches 1e-4; a trained classifier's logits are O(1-10), so scale the fc to that.
    net->head->fc->weight.mul_(0.1);
    net->head->fc->bias.mul_(0.1);
    net->eval();
}

inline std::string freshDir(const std::string& name) {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("dnas-export-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir.string();
}

// Raw little-endian float32, for exchanging tensors with a Python process.
inline void writeRaw(const std::string& path, const torch::Tensor& t) {
    const torch::Tensor c = t.to(torch::kFloat32).contiguous();
    std::ofstream(path, std::ios::binary)
        .write(static_cast<const char*>(c.data_ptr()), static_cast<std::streamsize>(c.numel() * 4));
}
inline torch::Tensor readRaw(const std::string& path, std::vector<int64_t> sizes) {
    torch::Tensor t = torch::empty(sizes, torch::kFloat32);
    std::ifstream(path, std::ios::binary)
        .read(static_cast<char*>(t.data_ptr()), static_cast<std::streamsize>(t.numel() * 4));
    return t;
}

inline double maxAbsDiff(const torch::Tensor& a, const torch::Tensor& b) {
    return (a.to(torch::kFloat64) - b.to(torch::kFloat64)).abs().max().item<double>();
}

} // namespace dnas::exporttest
