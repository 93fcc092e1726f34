// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/data/InputAdapter.h"

#include "engine/util/DnasError.h"

namespace dnas {

namespace F = torch::nn::functional;

InputAdapter::InputAdapter(int channels, int size) : channels_(channels), size_(size) {
    if (channels < 1 || size < 1)
        throw DnasError("", "input", "target channels and size must be positive");
}

torch::Tensor InputAdapter::resize(const torch::Tensor& images, int h, int w) {
    if (images.size(2) == h && images.size(3) == w)
        return images;
    const bool shrinking = h < images.size(2) || w < images.size(3);
    torch::Tensor x = images.to(torch::kFloat);
    x = F::interpolate(x, F::InterpolateFuncOptions()
                              .size(std::vector<int64_t>{h, w})
                              .mode(torch::kBilinear)
                              .align_corners(false)
                              .antialias(shrinking));
    if (images.scalar_type() == torch::kUInt8)
        return x.round_().clamp_(0, 255).to(torch::kUInt8);
    return x.to(images.scalar_type());
}

torch::Tensor InputAdapter::convertChannels(const torch::Tensor& images, int channels) {
    const int64_t c = images.size(1);
    if (c == channels)
        return images;
    if (c == 1)
        return images.expand({images.size(0), channels, images.size(2), images.size(3)});
    if (c == 3 && channels == 1) {
        const torch::Tensor wts = torch::tensor({0.299f, 0.587f, 0.114f}).view({1, 3, 1, 1});
        torch::Tensor y = (images.to(torch::kFloat) * wts).sum(1, /*keepdim=*/true);
        if (images.scalar_type() == torch::kUInt8)
            return y.round_().clamp_(0, 255).to(torch::kUInt8);
        return y.to(images.scalar_type());
    }
    throw DnasError("", "input.channels",
                    "cannot adapt " + std::to_string(c) + "-channel images to " +
                        std::to_string(channels) + " channels");
}

torch::Tensor InputAdapter::geometry(const torch::Tensor& x) const {
    const int64_t h = x.size(2), w = x.size(3), s = size_;
    if (h == s && w == s)
        return x;
    if (h <= s && w <= s && s - h <= kMaxPad && s - w <= kMaxPad) {
        const int64_t top = (s - h) / 2, left = (s - w) / 2;
        return F::pad(x, F::PadFuncOptions({left, s - w - left, top, s - h - top}));
    }
    // Shorter side to s, then a centred square crop.
    const int64_t nh = h <= w ? s : (h * s + w / 2) / w;
    const int64_t nw = h <= w ? (w * s + h / 2) / h : s;
    torch::Tensor r = resize(x, static_cast<int>(std::max<int64_t>(nh, s)),
                             static_cast<int>(std::max<int64_t>(nw, s)));
    const int64_t top = (r.size(2) - s) / 2, left = (r.size(3) - s) / 2;
    return r.narrow(2, top, s).narrow(3, left, s);
}

torch::Tensor InputAdapter::apply(const torch::Tensor& images) const {
    if (channels_ == 0)
        return images;
    TORCH_CHECK(images.dim() == 4, "InputAdapter expects (N,C,H,W)");
    torch::Tensor x = images;
    // Reduce channels before resampling and replicate after: both orders give the same pixels,
    // this one touches the fewest.
    if (x.size(1) > channels_)
        x = convertChannels(x, channels_);
    x = geometry(x);
    if (x.size(1) < channels_)
        x = convertChannels(x, channels_);
    return x;
}

Dataset InputAdapter::apply(const Dataset& data) const {
    if (isIdentityFor(data.channels(), data.height(), data.width()))
        return data;
    Dataset out = data;
    std::vector<torch::Tensor> parts;
    constexpr int64_t kChunk = 2048;
    for (int64_t i = 0; i < data.size(); i += kChunk)
        parts.push_back(
            apply(data.images.narrow(0, i, std::min(kChunk, data.size() - i))).contiguous());
    out.images = parts.empty() ? torch::empty({0, channels_, size_, size_}, torch::kUInt8)
                               : torch::cat(parts, 0);
    return out;
}

std::string InputAdapter::describe(int c, int h, int w) const {
    const auto shape = [](int hh, int ww, int cc) {
        return std::to_string(hh) + "x" + std::to_string(ww) + "x" + std::to_string(cc);
    };
    if (isIdentityFor(c, h, w))
        return shape(h, w, c) + ": unchanged";
    std::string out = shape(h, w, c) + " -> " + shape(size_, size_, channels_) + ":";
    std::string sep = " ";
    if (h != size_ || w != size_) {
        if (h <= size_ && w <= size_ && size_ - h <= kMaxPad && size_ - w <= kMaxPad)
            out += sep + "zero-pad to " + std::to_string(size_) + " px (centred)";
        else
            out += sep + "bilinear resize (shorter side " + std::to_string(size_) +
                   " px) + centre crop";
        sep = ", ";
    }
    if (c == 1 && channels_ > 1)
        out += sep + "replicate 1 -> " + std::to_string(channels_) + " channels";
    else if (c == 3 && channels_ == 1)
        out += sep + "luminance 3 -> 1 channel (BT.601)";
    return out;
}

} // namespace dnas
