// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/data/SeededRng.h"

#include <nlohmann/json.hpp>

#include <vector>

namespace dnas {

struct AugmentOptions {
    bool enabled = true;
    int crop_padding = -1; // -1: defaultPadding(size); 0: no random crop
    bool flip = true;      // random horizontal flip

    nlohmann::json toJson() const;
    static AugmentOptions fromJson(const nlohmann::json& j, const std::string& file = "");
};

// Training augmentation on a whole batch at once: random crop with zero padding (the CIFAR
// recipe) and horizontal flip, done as two gathers whose indices encode each image's offset and
// flip, so there is no per-image loop over pixels (2 cores, every step).
class Augmenter {
  public:
    Augmenter() = default;
    Augmenter(const AugmentOptions& options, int size);

    // 4 px at 32 px, scaled with the image size (2 at 16, 7 at 56), at least 1.
    static int defaultPadding(int size);

    // (B,C,H,W) of any dtype -> same shape and dtype; draws offsets and flips from rng.
    torch::Tensor apply(const torch::Tensor& batch, SeededRng& rng) const;

    // The same with given per-image offsets into the padded image (0..2*padding) and flips:
    // output(y, x) = padded(y + dy, dx + (flip ? W-1-x : x)).
    static torch::Tensor apply(const torch::Tensor& batch, int padding,
                               const std::vector<int64_t>& dy, const std::vector<int64_t>& dx,
                               const std::vector<bool>& flip);

    int padding() const { return padding_; }
    bool enabled() const { return enabled_; }
    bool flips() const { return flip_; }

  private:
    bool enabled_ = false;
    bool flip_ = false;
    int padding_ = 0;
};

} // namespace dnas
