// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/nn/Supernet.h"
#include "engine/search/CostTable.h"
#include "engine/search/SearchTypes.h"

#include <torch/torch.h>
#include <vector>

namespace dnas {

class SearchData;

// End-of-epoch sampling (docs/architecture.md §4): K architectures drawn from softmax(θ) plus the
// argmax, each scored by one-shot accuracy (the supernet with that path fixed) on the validation
// slice and by its exact cost; the non-dominated ones are marked.
class ArchitectureSampler {
  public:
    ArchitectureSampler(const CostTable& costs, const SearchData& data, int64_t evalLimit,
                        int evalBatch);
    SampleSet sample(Supernet& net, int epoch, int k, uint64_t seed) const;
    std::vector<int64_t> argmax(const Supernet& net) const;
    // Top-1 accuracy of one path on the validation slice, BN on each batch's own statistics;
    // the supernet's buffers and mode are left as they were.
    double oneShotAccuracy(Supernet& net, const std::vector<int64_t>& choice) const;
    SampledArchitecture describe(const Supernet& net, const std::vector<int64_t>& choice,
                                 int epoch) const;

  private:
    const CostTable& costs_;
    const SearchData& data_;
    int64_t evalLimit_;
    int evalBatch_;
};

} // namespace dnas
