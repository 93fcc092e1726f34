// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <torch/torch.h>

#include <nlohmann/json.hpp>

#include <cstdint>

namespace dnas {

// How the official training set is divided for a search.
// A seeded permutation (SeededRng: std::mt19937_64 + rejection sampling, identical on every
// machine) of 0..N-1 is cut in this order:
//   validation = the first round(val_fraction * N)   — scores sampled architectures (one-shot
//                                                       proxy); neither w nor θ trains on it;
//   theta      = the next round(theta_fraction * rest) — θ steps;
//   weights    = the remaining rest                    — w steps.
// With the defaults (val 0.05, θ 0.2) Fashion-MNIST gives 3000 / 11400 / 45600 — exactly
// 80 / 20 between w and θ, as in FBNet. val_fraction = 0 makes the validation slice the θ split
// (the paper's setting: no separate slice). The official test set is not touched here; it is
// for the final evaluation only.
struct SplitSettings {
    double theta_fraction = 0.2;
    double val_fraction = 0.05;
    uint64_t seed = 0;

    nlohmann::json toJson() const;
    // Missing keys keep their defaults; out-of-range values throw DnasError naming `file`.
    static SplitSettings fromJson(const nlohmann::json& j, const std::string& file = "");
};

class DataSplit {
  public:
    DataSplit(int64_t size, const SplitSettings& settings);

    // Sorted int64 index tensors into the training set; pairwise disjoint.
    const torch::Tensor& weights() const { return weights_; }
    const torch::Tensor& theta() const { return theta_; }
    const torch::Tensor& validation() const { return validation_; }
    bool validationIsTheta() const { return settings_.val_fraction == 0.0; }
    const SplitSettings& settings() const { return settings_; }
    int64_t size() const { return size_; }

    // Settings and sizes (not the indices: they follow from the seed).
    nlohmann::json toJson() const;

  private:
    int64_t size_;
    SplitSettings settings_;
    torch::Tensor weights_, theta_, validation_;
};

} // namespace dnas
