// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/data/BatchIterator.h"

#include "engine/util/DnasError.h"

namespace dnas {

BatchIterator::BatchIterator(Dataset data, torch::Tensor indices, BatchOptions options,
                             InputAdapter adapter, Normalizer normalizer, Augmenter augmenter)
    : data_(std::move(data)),
      indices_(indices.defined() ? indices.to(torch::kLong).contiguous()
                                 : torch::arange(data_.size(), torch::kLong)),
      options_(options), adapter_(std::move(adapter)), normalizer_(std::move(normalizer)),
      augmenter_(augmenter) {
    if (options_.batch_size < 1)
        throw DnasError("", "batch_size", "must be at least 1");
    if (size() == 0)
        throw DnasError(data_.source, "", "no samples to iterate over");
    if (batchesPerEpoch() == 0)
        throw DnasError(data_.source, "batch_size",
                        "batch size " + std::to_string(options_.batch_size) + " exceeds the " +
                            std::to_string(size()) + " samples of this split (drop_last is on)");
}

int64_t BatchIterator::batchesPerEpoch() const {
    const int64_t b = options_.batch_size;
    return options_.drop_last ? size() / b : (size() + b - 1) / b;
}

void BatchIterator::startEpoch(int64_t epoch) {
    epoch_ = epoch;
    position_ = 0;
    rng_ = std::make_unique<SeededRng>(SeededRng::derive(options_.seed, uint64_t(epoch)));
    order_ = options_.shuffle ? indices_.index_select(0, rng_->permutation(size())) : indices_;
}

bool BatchIterator::next(Batch& out) {
    if (epoch_ < 0)
        startEpoch(0);
    const int64_t b = options_.batch_size;
    const int64_t left = size() - position_;
    if (left <= 0 || (options_.drop_last && left < b))
        return false;
    const torch::Tensor idx = order_.narrow(0, position_, std::min(b, left));
    position_ += idx.size(0);
    torch::Tensor x = adapter_.apply(data_.images.index_select(0, idx));
    x = augmenter_.apply(x, *rng_);
    // Channels-last before the float conversion: the uint8 copy is 4x cheaper and the fused
    // normalisation then writes the float batch in that layout directly.
    x = x.contiguous(at::MemoryFormat::ChannelsLast);
    out.images = normalizer_.apply(x).contiguous(at::MemoryFormat::ChannelsLast);
    out.labels = data_.labels.index_select(0, idx);
    return true;
}

} // namespace dnas
