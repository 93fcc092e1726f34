// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/data/Augmenter.h"

#include "engine/util/DnasError.h"

#include <cmath>

namespace dnas {

nlohmann::json AugmentOptions::toJson() const {
    return {{"enabled", enabled}, {"crop_padding", crop_padding}, {"flip", flip}};
}

AugmentOptions AugmentOptions::fromJson(const nlohmann::json& j, const std::string& file) {
    AugmentOptions o;
    if (!j.is_object())
        throw DnasError(file, "augment", "expected an object");
    try {
        o.enabled = j.value("enabled", o.enabled);
        o.crop_padding = j.value("crop_padding", o.crop_padding);
        o.flip = j.value("flip", o.flip);
    } catch (const nlohmann::json::exception&) {
        throw DnasError(file, "augment", "enabled/flip must be booleans, crop_padding an integer");
    }
    if (o.crop_padding < -1)
        throw DnasError(file, "augment.crop_padding", "must be >= -1");
    return o;
}

Augmenter::Augmenter(const AugmentOptions& o, int size)
    : enabled_(o.enabled), flip_(o.flip),
      padding_(o.crop_padding < 0 ? defaultPadding(size) : o.crop_padding) {}

int Augmenter::defaultPadding(int size) {
    return std::max(1, static_cast<int>(std::lround(4.0 * size / 32.0)));
}

torch::Tensor Augmenter::apply(const torch::Tensor& batch, int padding,
                               const std::vector<int64_t>& dy, const std::vector<int64_t>& dx,
                               const std::vector<bool>& flip) {
    const int64_t b = batch.size(0), c = batch.size(1), h = batch.size(2), w = batch.size(3);
    TORCH_CHECK(int64_t(dy.size()) == b && int64_t(dx.size()) == b && int64_t(flip.size()) == b,
                "Augmenter: one offset and flip per image");
    torch::Tensor padded =
        padding > 0 ? torch::nn::functional::pad(batch, torch::nn::functional::PadFuncOptions(
                                                            {padding, padding, padding, padding}))
                    : batch;
    const torch::Tensor dyT = torch::tensor(dy, torch::kLong).view({b, 1});
    const torch::Tensor dxT = torch::tensor(dx, torch::kLong).view({b, 1});
    std::vector<uint8_t> flipBytes(flip.begin(), flip.end());
    const torch::Tensor fl =
        torch::from_blob(flipBytes.data(), {b, 1}, torch::kUInt8).to(torch::kBool);
    const torch::Tensor ar = torch::arange(w, torch::kLong).view({1, w});
    const torch::Tensor rows = dyT + torch::arange(h, torch::kLong).view({1, h});
    const torch::Tensor cols = dxT + torch::where(fl, (w - 1) - ar, ar);
    const int64_t pw = padded.size(3);
    torch::Tensor out = padded.gather(2, rows.view({b, 1, h, 1}).expand({b, c, h, pw}));
    return out.gather(3, cols.view({b, 1, 1, w}).expand({b, c, h, w}));
}

torch::Tensor Augmenter::apply(const torch::Tensor& batch, SeededRng& rng) const {
    if (!enabled_ || (padding_ == 0 && !flip_))
        return batch;
    const int64_t b = batch.size(0);
    std::vector<int64_t> dy(size_t(b), padding_), dx(size_t(b), padding_);
    std::vector<bool> flip(size_t(b), false);
    for (int64_t i = 0; i < b; ++i) {
        if (padding_ > 0) {
            dy[size_t(i)] = int64_t(rng.below(uint64_t(2 * padding_ + 1)));
            dx[size_t(i)] = int64_t(rng.below(uint64_t(2 * padding_ + 1)));
        }
        if (flip_)
            flip[size_t(i)] = rng.coin();
    }
    return apply(batch, padding_, dy, dx, flip);
}

} // namespace dnas
