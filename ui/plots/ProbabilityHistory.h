// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <string>
#include <vector>

namespace dnas {
struct EpochMetrics;
class SearchSpace;
} // namespace dnas

namespace dnas::ui {

// softmax(θ) of every epoch as layers × columns matrices over one shared list of op columns
// (NaN where a layer does not offer an op), so the heatmap can scrub without re-mapping names.
class ProbabilityHistory {
  public:
    struct Snapshot {
        int epoch = 0;
        double temperature = 0.0;
        std::vector<std::vector<double>> probs; // [layer][column]
        std::vector<double> entropy;            // per layer, nats
    };

    // Columns become the space's ops that some layer offers (in the space's order), then any
    // column only the history has; stored matrices are re-mapped.
    void setColumnOrder(const dnas::SearchSpace& space);
    void add(const dnas::EpochMetrics& metrics);
    void clear() { snapshots_.clear(); }

    bool empty() const { return snapshots_.empty(); }
    int size() const { return static_cast<int>(snapshots_.size()); }
    const Snapshot& at(int index) const { return snapshots_.at(static_cast<size_t>(index)); }
    const std::vector<std::string>& ops() const { return ops_; }
    int column(const std::string& op) const; // -1 when unknown

  private:
    int addColumn(const std::string& op);

    std::vector<std::string> ops_;
    std::vector<Snapshot> snapshots_;
};

} // namespace dnas::ui
