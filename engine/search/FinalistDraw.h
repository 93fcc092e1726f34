// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <cstdint>
#include <vector>

namespace dnas {

struct CostTable;

// The candidates a search's finalists stage fine-tunes (SearchSettings::finalists): the search's
// own choice first, then up to n − 1 others whose cost lies in centre·(1 ± tolerance), drawn
// uniformly from that slice of the space (EqualCostSampler). Where the slice is too thin for
// rejection sampling (a band at the edge of the space's range), the choice's single-layer
// neighbours inside the band stand in, in a seeded random order. Never throws for a thin band:
// the choice alone is a valid answer.
class FinalistDraw {
  public:
    FinalistDraw(const CostTable& costs, double centre, double tolerance);
    std::vector<std::vector<int64_t>> draw(const std::vector<int64_t>& choice, int n,
                                           uint64_t seed) const;

  private:
    std::vector<std::vector<int64_t>> neighbours(const std::vector<int64_t>& choice) const;

    const CostTable& costs_;
    double low_;
    double high_;
    double centre_;
    double tolerance_;
};

} // namespace dnas
