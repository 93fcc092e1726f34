// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/search/SearchTypes.h"
#include "ui/plots/CsvTable.h"

#include <vector>

namespace dnas::ui {

// The step and epoch reports a curves view has received, kept so smoothing can be recomputed
// and the data exported; epochs are kept without their layer probabilities (the heatmap's).
class TrainingLog {
  public:
    void addSteps(const std::vector<dnas::StepMetrics>& steps);
    void addEpoch(const dnas::EpochMetrics& metrics);
    void clear();

    const std::vector<dnas::StepMetrics>& steps() const { return steps_; }
    const std::vector<dnas::EpochMetrics>& epochs() const { return epochs_; }
    // The right end of the data on the epoch axis (at least 1).
    double lastPosition() const;

    // Where a step sits on the epoch axis: epoch + its share of the epoch (w-steps fill the
    // first 80%, θ-steps the rest, as the data split does).
    static double stepPosition(const dnas::StepMetrics& m);
    // Epoch reports describe the end of their epoch.
    static double epochPosition(const dnas::EpochMetrics& m) { return m.epoch + 1.0; }

    CsvTable csv() const; // one row per step and per epoch, ordered by position

  private:
    std::vector<dnas::StepMetrics> steps_;
    std::vector<dnas::EpochMetrics> epochs_;
};

} // namespace dnas::ui
