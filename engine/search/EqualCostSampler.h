// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <cstdint>
#include <vector>

namespace dnas {

struct CostTable;

// The honest baseline of NAS (Li & Talwalkar 2019): architectures drawn uniformly from the space
// whose cost lies within ±tolerance of a reference cost. Rejection sampling keeps the draw
// uniform over that slice of the space; a slice too thin to hit in maxTries draws is refused
// with a DnasError that gives the cost, the tolerance and the space's range.
class EqualCostSampler {
  public:
    static constexpr int64_t kDefaultMaxTries = 2'000'000; // ~0.2 s for a 22-layer space

    EqualCostSampler(const CostTable& costs, double cost, double tolerance,
                     int64_t maxTries = kDefaultMaxTries);
    // n distinct architectures (as candidate indices per layer), reproducible from seed.
    std::vector<std::vector<int64_t>> draw(int n, uint64_t seed) const;

  private:
    const CostTable& costs_;
    double cost_;
    double tolerance_;
    int64_t maxTries_;
};

} // namespace dnas
