// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/search/SearchTypes.h"

#include <algorithm>
#include <numeric>

namespace dnas {

const char* toString(StepPhase p) {
    switch (p) {
    case StepPhase::Warmup:
        return "warmup";
    case StepPhase::Weights:
        return "weights";
    case StepPhase::Theta:
        return "theta";
    case StepPhase::Finalists:
        return "finalists";
    }
    return "?";
}

double EpochMetrics::meanEntropy() const {
    if (layers.empty())
        return 0.0;
    double s = 0.0;
    for (const auto& l : layers)
        s += l.entropy;
    return s / static_cast<double>(layers.size());
}

std::vector<size_t> paretoFront(const std::vector<SampledArchitecture>& pts) {
    std::vector<size_t> order(pts.size());
    std::iota(order.begin(), order.end(), 0);
    // Cheapest first, ties by best accuracy; then a point is on the front when it beats the best
    // accuracy seen at lower cost.
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        if (pts[a].cost != pts[b].cost)
            return pts[a].cost < pts[b].cost;
        return pts[a].accuracy > pts[b].accuracy;
    });
    std::vector<size_t> front;
    double best = -1.0;
    for (size_t i : order)
        if (pts[i].accuracy > best) {
            front.push_back(i);
            best = pts[i].accuracy;
        }
    return front;
}

void markPareto(std::vector<SampledArchitecture>& pts) {
    for (auto& p : pts)
        p.pareto = false;
    for (size_t i : paretoFront(pts))
        pts[i].pareto = true;
}

} // namespace dnas
