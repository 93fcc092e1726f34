// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/data/Normalizer.h"

#include "engine/util/DnasError.h"

#include <cmath>

namespace dnas {

nlohmann::json NormStats::toJson() const {
    return {{"mean", mean}, {"std", std}, {"scale", "0..1 (pixel / 255)"}, {"source", source}};
}

NormStats NormStats::fromJson(const nlohmann::json& j, const std::string& file) {
    NormStats s;
    try {
        s.mean = j.at("mean").get<std::vector<double>>();
        s.std = j.at("std").get<std::vector<double>>();
        s.source = j.value("source", std::string());
    } catch (const nlohmann::json::exception&) {
        throw DnasError(file, "normalization", "expected {\"mean\": [..], \"std\": [..]}");
    }
    if (s.mean.empty() || s.mean.size() != s.std.size())
        throw DnasError(file, "normalization", "mean and std need one value per channel");
    for (double v : s.std)
        if (!(v > 0.0))
            throw DnasError(file, "normalization.std", "must be positive");
    return s;
}

Normalizer::Normalizer(NormStats stats) : stats_(std::move(stats)) {
    const int64_t c = static_cast<int64_t>(stats_.mean.size());
    torch::Tensor mean = torch::tensor(stats_.mean, torch::kDouble).view({1, c, 1, 1});
    torch::Tensor sd = torch::tensor(stats_.std, torch::kDouble).view({1, c, 1, 1});
    // (x/255 - m)/s == x * (1/(255 s)) + (-m/s): one multiply-add per pixel.
    scale255_ = (1.0 / (255.0 * sd)).to(torch::kFloat);
    scale1_ = (1.0 / sd).to(torch::kFloat);
    shift_ = (-mean / sd).to(torch::kFloat);
}

NormStats Normalizer::compute(const torch::Tensor& images, const torch::Tensor& indices,
                              const InputAdapter& adapter) {
    const int64_t n = indices.defined() ? indices.size(0) : images.size(0);
    if (n == 0)
        throw DnasError("", "normalization", "no images to compute statistics on");
    torch::Tensor sum, sumSq;
    int64_t count = 0;
    constexpr int64_t kChunk = 4096;
    for (int64_t i = 0; i < n; i += kChunk) {
        const int64_t len = std::min(kChunk, n - i);
        torch::Tensor x = indices.defined() ? images.index_select(0, indices.narrow(0, i, len))
                                            : images.narrow(0, i, len);
        x = adapter.apply(x).to(torch::kDouble);
        const torch::Tensor s = x.sum({0, 2, 3}), q = (x * x).sum({0, 2, 3});
        sum = sum.defined() ? sum + s : s;
        sumSq = sumSq.defined() ? sumSq + q : q;
        count += x.size(0) * x.size(2) * x.size(3);
    }
    const torch::Tensor mean = sum / double(count);
    const torch::Tensor var = (sumSq / double(count) - mean * mean).clamp_min(0.0);
    NormStats st;
    for (int64_t c = 0; c < mean.size(0); ++c) {
        st.mean.push_back(mean[c].item<double>() / 255.0);
        // A constant channel would divide by zero; 1/255 keeps it finite and harmless.
        st.std.push_back(std::max(std::sqrt(var[c].item<double>()), 1.0) / 255.0);
    }
    st.source = "computed on " + std::to_string(n) + " training images";
    return st;
}

NormStats Normalizer::known(const std::string& name, int channels) {
    NormStats s;
    if (name == "mnist")
        s = {{0.1307}, {0.3081}, ""};
    else if (name == "fashion-mnist")
        s = {{0.2860}, {0.3530}, ""};
    else if (name == "cifar10")
        s = {{0.4914, 0.4822, 0.4465}, {0.2470, 0.2435, 0.2616}, ""};
    else if (name == "cifar100")
        s = {{0.5071, 0.4865, 0.4409}, {0.2673, 0.2564, 0.2762}, ""};
    else if (name == "imagenet")
        s = {{0.485, 0.456, 0.406}, {0.229, 0.224, 0.225}, ""};
    else
        throw DnasError("", "normalization",
                        "no known constants for '" + name +
                            "' (mnist, fashion-mnist, cifar10, cifar100, imagenet)");
    s.source = "constants: " + name;
    if (int(s.mean.size()) == channels)
        return s;
    if (s.mean.size() == 1) {
        s.mean.assign(size_t(channels), s.mean[0]);
        s.std.assign(size_t(channels), s.std[0]);
    } else if (channels == 1) {
        // Averages are an approximation of the luminance statistics, close enough for constants.
        s.mean = {(s.mean[0] + s.mean[1] + s.mean[2]) / 3.0};
        s.std = {(s.std[0] + s.std[1] + s.std[2]) / 3.0};
    } else {
        throw DnasError("", "normalization",
                        "cannot adapt constants to " + std::to_string(channels) + " channels");
    }
    return s;
}

torch::Tensor Normalizer::apply(const torch::Tensor& images) const {
    if (!scale1_.defined())
        return images.to(torch::kFloat);
    TORCH_CHECK(images.size(1) == scale1_.size(1), "Normalizer: channel count mismatch");
    if (images.scalar_type() == torch::kUInt8)
        return torch::addcmul(shift_, images.to(torch::kFloat), scale255_);
    return torch::addcmul(shift_, images.to(torch::kFloat), scale1_);
}

} // namespace dnas
