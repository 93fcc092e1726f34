// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/data/BatchIterator.h"
#include "engine/data/DataSplit.h"
#include "engine/data/DatasetSpec.h"

#include <nlohmann/json.hpp>

namespace dnas {

// The data half of a study: how to split, augment and normalise.
//   {"split": {"theta_fraction": 0.2, "val_fraction": 0.05, "seed": 0},
//    "augment": {"enabled": true, "crop_padding": -1, "flip": true},   (flip omitted: automatic)
//    "normalization": "dataset" | "constants" | "none" | {"mean": [..], "std": [..]}}
// "dataset" computes per-channel stats on the w split after adaptation; "constants" uses the
// published ones (MNIST, Fashion-MNIST, CIFAR) and computes for image folders.
struct DataSettings {
    SplitSettings split;
    AugmentOptions augment;
    bool flip_auto = true; // flip where it keeps the class (not for MNIST digits)
    std::string normalization = "dataset";
    NormStats custom_stats; // when normalization == "custom"

    nlohmann::json toJson() const;
    static DataSettings fromJson(const nlohmann::json& j, const std::string& file = "");
};

// Everything a search or a retraining needs from the data, built once: both splits in memory,
// the w / θ / validation division, the adapter to the space's input, normalisation statistics
// (on the w split, after adaptation) and iterators over each part.
class DataPipeline {
  public:
    // channels/size: the search space's input.
    DataPipeline(const DatasetSpec& spec, int channels, int size, const DataSettings& settings);
    // Already loaded data (tests, or a caller that keeps the dataset between studies).
    DataPipeline(DatasetPair data, const DatasetSpec& spec, int channels, int size,
                 const DataSettings& settings);

    // Training iterators: shuffled, augmented, full batches only. Seeds are combined with the
    // split seed, so two studies differing only in seed differ everywhere.
    BatchIterator weights(int64_t batchSize) const;
    BatchIterator theta(int64_t batchSize) const;
    // Evaluation iterators: fixed order, no augmentation, last partial batch kept.
    BatchIterator validation(int64_t batchSize) const;
    BatchIterator test(int64_t batchSize) const;
    // The whole training set (w + θ + validation) for retraining a chosen architecture.
    BatchIterator fullTrain(int64_t batchSize) const;

    const Dataset& trainSet() const { return data_.train; }
    const Dataset& testSet() const { return data_.test; }
    const DataSplit& split() const { return split_; }
    const InputAdapter& adapter() const { return adapter_; }
    const Normalizer& normalizer() const { return normalizer_; }
    const Augmenter& augmenter() const { return augmenter_; }
    const std::string& kind() const { return kind_; }

    // For the run folder and the exporter's model card: source, sizes, classes, adapter,
    // normalisation, augmentation, split.
    nlohmann::json describe() const;

  private:
    void build(int channels, int size);
    DatasetSpec spec_;
    DataSettings settings_;
    std::string kind_;
    DatasetPair data_;
    DataSplit split_;
    InputAdapter adapter_;
    Normalizer normalizer_;
    Augmenter augmenter_;
};

} // namespace dnas
