// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/nn/Supernet.h"

#include <cstdint>
#include <vector>

namespace dnas {

class ArchitectureSampler;
class SearchData;

// Scores a path after a short fine-tune of its own weights, starting from the supernet's
// (weight inheritance, as SPOS and OFA judge their children). A one-shot score taken straight
// from the supernet mostly says how much the search trained that path; a few hundred steps on
// the path alone let every candidate catch up from the same start before it is judged
// (docs/search.md, "Finalists"). Every path sees the same batches in the same order, and the
// supernet's weights, buffers and mode are put back afterwards.
class PathFineTuner {
  public:
    // `lr` is the first step's learning rate, decayed to zero over `steps` (cosine).
    PathFineTuner(const SearchData& data, int steps, int batch, double lr, uint64_t seed);

    double fineTunedAccuracy(Supernet& net, const std::vector<int64_t>& choice,
                             const ArchitectureSampler& scorer) const;
    int steps() const { return steps_; }

  private:
    const SearchData& data_;
    int steps_;
    int batch_;
    double lr_;
    uint64_t seed_;
};

} // namespace dnas
