// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/search/LayerDecisions.h"
#include "engine/search/GumbelMixer.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace dnas {

int LayerDecisions::dueAfter(int epoch, int epochs, int layers, int delay) {
    if (epochs <= 0 || epoch >= epochs - 1)
        return layers;
    if (epoch < delay)
        return 0;
    // epoch >= delay and epoch < epochs - 1, so epochs - delay >= 2.
    return static_cast<int>(
        std::lround(static_cast<double>(layers) * (epoch + 1 - delay) / (epochs - delay)));
}

std::vector<size_t> LayerDecisions::decide(std::vector<int64_t>& decided,
                                           const std::vector<std::vector<double>>& probs, int count,
                                           double minMargin) {
    std::vector<size_t> open;
    for (size_t l = 0; l < decided.size(); ++l)
        if (decided[l] == kOpen)
            open.push_back(l);
    auto certainty = [&](size_t l) { // 0: uniform, 1: one-hot
        const double k = static_cast<double>(probs[l].size());
        return k > 1 ? 1.0 - GumbelMixer::entropy(probs[l]) / std::log(k) : 1.0;
    };
    // Most certain first; ties by layer order so every rank and every resume decides alike.
    std::stable_sort(open.begin(), open.end(),
                     [&](size_t a, size_t b) { return certainty(a) > certainty(b); });
    const int already = static_cast<int>(decided.size() - open.size());
    std::vector<size_t> now;
    for (size_t i = 0; i < open.size() && already + static_cast<int>(now.size()) < count; ++i) {
        const size_t l = open[i];
        const auto& p = probs[l];
        if (margin(p) < minMargin)
            continue;
        decided[l] = static_cast<int64_t>(std::max_element(p.begin(), p.end()) - p.begin());
        now.push_back(l);
    }
    return now;
}

double LayerDecisions::margin(const std::vector<double>& p) {
    if (p.size() < 2)
        return 1.0;
    std::vector<double> top(2);
    std::partial_sort_copy(p.begin(), p.end(), top.begin(), top.end(), std::greater<>());
    return top[0] - top[1];
}

} // namespace dnas
