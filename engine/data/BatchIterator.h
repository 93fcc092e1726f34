// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/data/Augmenter.h"
#include "engine/data/Dataset.h"
#include "engine/data/InputAdapter.h"
#include "engine/data/Normalizer.h"

#include <memory>

namespace dnas {

struct Batch {
    torch::Tensor images; // float (B,C,H,W), normalised, channels-last contiguous
    torch::Tensor labels; // int64 (B)
};

struct BatchOptions {
    int64_t batch_size = 64;
    bool shuffle = true;
    bool drop_last = false; // training iterators set it, so every step has the same shape
    uint64_t seed = 0;
};

// Batches over a subset of an in-memory dataset, in the calling thread (no loader threads on
// 2 cores). Per batch: gather uint8 samples -> adapt to the network input -> augment (uint8) ->
// float + normalise -> channels-last, the layout the CPU convolutions are fast in.
// Each epoch's order and augmentation come from SeededRng(derive(seed, epoch)), so a run resumed
// at epoch k sees exactly the batches the original run would have seen.
class BatchIterator {
  public:
    // indices: int64 into data (undefined = all samples). The dataset's tensors are shared,
    // not copied.
    BatchIterator(Dataset data, torch::Tensor indices, BatchOptions options,
                  InputAdapter adapter = InputAdapter(), Normalizer normalizer = Normalizer(),
                  Augmenter augmenter = Augmenter());

    // Rewinds to the start of `epoch` (0-based); the first next() also calls it for epoch 0.
    void startEpoch(int64_t epoch);
    // The next batch of the current epoch; false (out untouched) when the epoch is over.
    bool next(Batch& out);

    int64_t size() const { return indices_.size(0); }
    int64_t batchesPerEpoch() const;
    int64_t epoch() const { return epoch_; }
    int64_t batchIndex() const { return position_ / options_.batch_size; }
    // Sample indices (into the dataset) of the current epoch, in visiting order.
    const torch::Tensor& order() const { return order_; }
    const Dataset& dataset() const { return data_; }

  private:
    Dataset data_;
    torch::Tensor indices_;
    BatchOptions options_;
    InputAdapter adapter_;
    Normalizer normalizer_;
    Augmenter augmenter_;
    std::unique_ptr<SeededRng> rng_;
    torch::Tensor order_;
    int64_t epoch_ = -1;
    int64_t position_ = 0;
};

} // namespace dnas
