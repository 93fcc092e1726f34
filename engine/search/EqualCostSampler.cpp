// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/search/EqualCostSampler.h"
#include "engine/data/SeededRng.h"
#include "engine/search/CostTable.h"
#include "engine/util/DnasError.h"

#include <cmath>
#include <set>
#include <sstream>

namespace dnas {

EqualCostSampler::EqualCostSampler(const CostTable& costs, double cost, double tolerance,
                                   int64_t maxTries)
    : costs_(costs), cost_(cost), tolerance_(tolerance), maxTries_(maxTries) {}

std::vector<std::vector<int64_t>> EqualCostSampler::draw(int n, uint64_t seed) const {
    SeededRng rng(seed);
    std::set<std::vector<int64_t>> seen;
    std::vector<std::vector<int64_t>> out;
    const double lo = cost_ * (1.0 - tolerance_);
    const double hi = cost_ * (1.0 + tolerance_);
    int64_t tries = 0;
    while (static_cast<int>(out.size()) < n) {
        if (tries++ >= maxTries_) {
            std::ostringstream why;
            why << "found " << out.size() << " of " << n << " architectures with a cost within ±"
                << 100.0 * tolerance_ << " % of " << cost_ << " " << costs_.unit << " in "
                << maxTries_ << " uniform draws (the space ranges from " << costs_.minCost()
                << " to " << costs_.maxCost() << " " << costs_.unit
                << "); widen the tolerance or pick a cost nearer the middle";
            throw DnasError("", "equal-cost sampling", why.str());
        }
        std::vector<int64_t> choice;
        choice.reserve(costs_.per_layer.size());
        for (const auto& row : costs_.per_layer)
            choice.push_back(static_cast<int64_t>(rng.below(row.size())));
        const double c = costs_.cost(choice);
        if (c < lo || c > hi || !seen.insert(choice).second)
            continue;
        out.push_back(std::move(choice));
    }
    return out;
}

} // namespace dnas
