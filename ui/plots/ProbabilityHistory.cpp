// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/ProbabilityHistory.h"

#include "engine/search/SearchTypes.h"
#include "engine/space/SearchSpace.h"
#include "ui/util/Units.h"

#include <algorithm>
#include <limits>

namespace dnas::ui {

namespace {} // namespace

int ProbabilityHistory::column(const std::string& op) const {
    const auto it = std::find(ops_.begin(), ops_.end(), op);
    return it == ops_.end() ? -1 : static_cast<int>(it - ops_.begin());
}

void ProbabilityHistory::setColumnOrder(const dnas::SearchSpace& space) {
    std::vector<std::string> order;
    for (const auto& name : space.opNames())
        for (const auto& l : space.layers)
            if (std::find(l.candidates.begin(), l.candidates.end(), name) != l.candidates.end()) {
                order.push_back(name);
                break;
            }
    for (const auto& o : ops_)
        if (std::find(order.begin(), order.end(), o) == order.end())
            order.push_back(o);
    std::vector<size_t> target(ops_.size());
    for (size_t c = 0; c < ops_.size(); ++c)
        target[c] =
            static_cast<size_t>(std::find(order.begin(), order.end(), ops_[c]) - order.begin());
    for (auto& snap : snapshots_)
        for (auto& row : snap.probs) {
            std::vector<double> re(order.size(), kNaN);
            for (size_t c = 0; c < row.size(); ++c)
                re[target[c]] = row[c];
            row = std::move(re);
        }
    ops_ = std::move(order);
}

int ProbabilityHistory::addColumn(const std::string& op) {
    const int c = column(op);
    if (c >= 0)
        return c;
    ops_.push_back(op); // an op the space did not announce: widen every stored matrix
    for (auto& snap : snapshots_)
        for (auto& row : snap.probs)
            row.push_back(kNaN);
    return static_cast<int>(ops_.size()) - 1;
}

void ProbabilityHistory::add(const dnas::EpochMetrics& m) {
    Snapshot s;
    s.epoch = m.epoch;
    s.temperature = m.temperature;
    for (const auto& layer : m.layers) {
        std::vector<int> cols;
        for (const auto& op : layer.ops)
            cols.push_back(addColumn(op));
        std::vector<double> row(ops_.size(), kNaN);
        for (size_t i = 0; i < cols.size() && i < layer.probs.size(); ++i)
            row[static_cast<size_t>(cols[i])] = layer.probs[i];
        s.probs.push_back(std::move(row));
        s.entropy.push_back(layer.entropy);
    }
    // Rows of earlier layers may be narrower than columns added later in this epoch.
    for (auto& row : s.probs)
        row.resize(ops_.size(), kNaN);
    snapshots_.push_back(std::move(s));
}

} // namespace dnas::ui
