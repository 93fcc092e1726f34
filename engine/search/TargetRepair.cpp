// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/search/TargetRepair.h"
#include "engine/search/CostTable.h"
#include "engine/util/DnasError.h"

#include <cmath>
#include <limits>

namespace dnas {

namespace {
constexpr double kMinProb = 1e-12; // log of a zero probability stays finite

struct Swap {
    size_t layer = 0;
    int64_t to = -1;
    double score = -std::numeric_limits<double>::infinity();
    bool lands = false;
};

std::string fmt(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}
} // namespace

TargetRepair::TargetRepair(const CostTable& costs, double target, double tolerance)
    : costs_(costs), target_(target), tolerance_(tolerance) {}

double TargetRepair::low() const {
    return target_ * (1.0 - tolerance_);
}
double TargetRepair::high() const {
    return target_ * (1.0 + tolerance_);
}

void TargetRepair::check(const std::string& where) const {
    const double lo = costs_.minCost();
    const double hi = costs_.maxCost();
    const std::string range = "the space's " + costs_.kind + " ranges from " + fmt(lo) + " to " +
                              fmt(hi) + " " + costs_.unit + " under this cost model";
    if (lo > high())
        throw DnasError(where, "settings.target",
                        "target " + fmt(target_) + " " + costs_.unit +
                            " is below the cheapest architecture (" + fmt(lo) + "); " + range);
    if (hi < low())
        throw DnasError(where, "settings.target",
                        "target " + fmt(target_) + " " + costs_.unit +
                            " is above the dearest architecture (" + fmt(hi) + "); " + range);
}

TargetRepair::Result TargetRepair::repair(std::vector<int64_t> choice,
                                          const std::vector<std::vector<double>>& probs) const {
    Result r;
    double cost = costs_.cost(choice);
    auto logp = [&](size_t l, int64_t i) {
        return std::log(std::max(probs.at(l).at(static_cast<size_t>(i)), kMinProb));
    };
    // Each swap strictly moves the cost toward the band, so this ends; the bound only guards.
    const size_t maxSwaps = 4 * costs_.per_layer.size() * 64;
    while (!within(cost) && static_cast<size_t>(r.swaps) < maxSwaps) {
        const bool down = cost > high();
        Swap best;
        for (size_t l = 0; l < costs_.per_layer.size(); ++l) {
            const auto& row = costs_.per_layer[l];
            const double now = row[static_cast<size_t>(choice[l])];
            for (size_t i = 0; i < row.size(); ++i) {
                const double moved = down ? now - row[i] : row[i] - now;
                if (!(moved > 0.0))
                    continue;
                const double next = cost + (down ? -moved : moved);
                if (!down && next > high())
                    continue; // going up never crosses the top
                const double lost = logp(l, choice[l]) - logp(l, static_cast<int64_t>(i));
                const bool lands = within(next);
                // Inside the band: the most probable landing; otherwise the cheapest step.
                const double score = lands ? -lost : -lost / moved;
                if ((lands && !best.lands) || (lands == best.lands && score > best.score))
                    best = {l, static_cast<int64_t>(i), score, lands};
            }
        }
        if (best.to < 0)
            break; // nothing moves toward the band any more
        cost += costs_.per_layer[best.layer][static_cast<size_t>(best.to)] -
                costs_.per_layer[best.layer][static_cast<size_t>(choice[best.layer])];
        choice[best.layer] = best.to;
        ++r.swaps;
    }
    r.choice = std::move(choice);
    r.cost = costs_.cost(r.choice);
    return r;
}

} // namespace dnas
