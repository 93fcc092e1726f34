// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/data/Dataset.h"

#include <memory>
#include <nlohmann/json.hpp>
#include <torch/torch.h>
#include <utility>

namespace dnas {

class SearchSpace;
struct SearchSettings;

// The data a search needs, adapted to the space's input: the 80% split for w, the 20% split for
// θ, and a validation slice (held out of both) to score sampled architectures. Batches are
// drawn by (epoch order, step) so a run resumed at any step sees the same data.
class SearchData {
  public:
    static SearchData load(const nlohmann::json& datasetSpec, const std::string& studyFile,
                           const SearchSpace& space, const SearchSettings& settings);

    const Dataset& wSplit() const { return w_; }
    const Dataset& thetaSplit() const { return theta_; }
    const Dataset& validation() const { return val_; }

    // The order of a split in `epoch`, from (seed, epoch, stream): reproducible on resume.
    torch::Tensor order(const Dataset& split, uint64_t seed, int epoch, int stream) const;
    int64_t steps(const Dataset& split, int batch) const;
    // Normalised float batch, channels-last; augmented with randomness from `augmentSeed`.
    std::pair<torch::Tensor, torch::Tensor> batch(const Dataset& split, const torch::Tensor& order,
                                                  int64_t step, int batch, bool augment,
                                                  uint64_t augmentSeed) const;
    // The first n images of a split, normalised (no augmentation), for evaluation.
    std::pair<torch::Tensor, torch::Tensor> evalBatch(const Dataset& split, int64_t begin,
                                                      int64_t end) const;
    nlohmann::json normalisation() const; // {"mean":[..], "std":[..]}

  private:
    struct Pipeline; // normaliser and augmenter, shared by copies
    Dataset w_, theta_, val_;
    std::shared_ptr<Pipeline> pipeline_;
};

} // namespace dnas
