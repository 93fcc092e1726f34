// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/data/InputAdapter.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace dnas {

// Per-channel mean and std on the 0..1 scale, as torchvision's Normalize takes them; an exporter
// writes them into the model card so deployed models see the same input.
struct NormStats {
    std::vector<double> mean;
    std::vector<double> std;
    std::string source; // "computed on <n> training images" or "constants: cifar10" …

    nlohmann::json toJson() const;
    static NormStats fromJson(const nlohmann::json& j, const std::string& file = "");
};

class Normalizer {
  public:
    Normalizer() = default; // identity (mean 0, std 1) once given a channel count by apply
    explicit Normalizer(NormStats stats);

    // Stats of images[indices] (all when indices is undefined) after `adapter`, i.e. of exactly
    // what the network sees (padding zeros included). Chunked, accumulated in double.
    static NormStats compute(const torch::Tensor& images, const torch::Tensor& indices = {},
                             const InputAdapter& adapter = InputAdapter());

    // Published constants: "mnist", "fashion-mnist", "cifar10", "cifar100", "imagenet".
    // Channel counts are adapted (1 -> 3 replicated, 3 -> 1 averaged).
    static NormStats known(const std::string& name, int channels);

    // uint8 (0..255) or float (0..1) (B,C,H,W) -> normalised float, in one fused multiply-add.
    torch::Tensor apply(const torch::Tensor& images) const;

    const NormStats& stats() const { return stats_; }

  private:
    NormStats stats_;
    torch::Tensor scale255_, scale1_, shift_; // (1,C,1,1)
};

} // namespace dnas
