// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/search/FinalistDraw.h"
#include "engine/search/CostTable.h"
#include "engine/search/EqualCostSampler.h"
#include "engine/util/DnasError.h"

#include <algorithm>
#include <random>

namespace dnas {

namespace {
// Fewer tries than a benchmark's draw: the search is over and waits; a band this thin has
// neighbours to fall back on.
constexpr int64_t kMaxTries = 200'000;
} // namespace

FinalistDraw::FinalistDraw(const CostTable& costs, double centre, double tolerance)
    : costs_(costs), low_(centre * (1.0 - tolerance)), high_(centre * (1.0 + tolerance)),
      centre_(centre), tolerance_(tolerance) {}

std::vector<std::vector<int64_t>> FinalistDraw::draw(const std::vector<int64_t>& choice, int n,
                                                     uint64_t seed) const {
    std::vector<std::vector<int64_t>> out{choice};
    if (n <= 1)
        return out;
    std::vector<std::vector<int64_t>> others;
    try {
        others = EqualCostSampler(costs_, centre_, tolerance_, kMaxTries).draw(n, seed);
    } catch (const DnasError&) {
        others = neighbours(choice);
        std::mt19937_64 rng(seed);
        std::shuffle(others.begin(), others.end(), rng);
    }
    for (auto& c : others)
        if (static_cast<int>(out.size()) < n && c != choice)
            out.push_back(std::move(c));
    return out;
}

std::vector<std::vector<int64_t>>
FinalistDraw::neighbours(const std::vector<int64_t>& choice) const {
    std::vector<std::vector<int64_t>> out;
    for (size_t l = 0; l < choice.size(); ++l)
        for (size_t k = 0; k < costs_.per_layer[l].size(); ++k) {
            if (static_cast<int64_t>(k) == choice[l])
                continue;
            std::vector<int64_t> c = choice;
            c[l] = static_cast<int64_t>(k);
            const double cost = costs_.cost(c);
            if (cost >= low_ && cost <= high_)
                out.push_back(std::move(c));
        }
    return out;
}

} // namespace dnas
