// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/TrainingLog.h"

#include <algorithm>

namespace dnas::ui {

namespace {
// Share of an epoch its w-steps take: the 80/20 split of docs/architecture.md §4.
constexpr double kWeightsShare = 0.8;
} // namespace

void TrainingLog::addSteps(const std::vector<dnas::StepMetrics>& steps) {
    steps_.insert(steps_.end(), steps.begin(), steps.end());
}

void TrainingLog::addEpoch(const dnas::EpochMetrics& metrics) {
    dnas::EpochMetrics kept = metrics;
    kept.layers.clear();
    epochs_.push_back(std::move(kept));
}

void TrainingLog::clear() {
    steps_.clear();
    epochs_.clear();
}

double TrainingLog::lastPosition() const {
    double last = 1.0;
    if (!steps_.empty())
        last = std::max(last, stepPosition(steps_.back()));
    if (!epochs_.empty())
        last = std::max(last, epochPosition(epochs_.back()));
    return last;
}

double TrainingLog::stepPosition(const dnas::StepMetrics& m) {
    const double frac = m.steps_in_phase > 0
                            ? std::clamp(static_cast<double>(m.step) / m.steps_in_phase, 0.0, 1.0)
                            : 0.0;
    switch (m.phase) {
    case dnas::StepPhase::Warmup:
        return m.epoch + frac;
    case dnas::StepPhase::Weights:
        return m.epoch + kWeightsShare * frac;
    case dnas::StepPhase::Theta:
        return m.epoch + kWeightsShare + (1.0 - kWeightsShare) * frac;
    case dnas::StepPhase::Finalists: // after the last epoch's end
        return m.epoch + 1.0;
    }
    return m.epoch + frac;
}

CsvTable TrainingLog::csv() const {
    CsvTable t;
    t.header = {"position",          "epoch",        "global_step",         "phase",
                "step_loss",         "step_ce",      "step_accuracy",       "step_expected_cost",
                "step_images_per_s", "lr",           "train_loss",          "train_accuracy",
                "val_loss",          "val_accuracy", "epoch_expected_cost", "temperature",
                "epoch_images_per_s"};
    const QString none;
    size_t e = 0;
    auto epochRow = [&](const dnas::EpochMetrics& m) {
        t.addRow({CsvTable::number(epochPosition(m)), QString::number(m.epoch), none, none, none,
                  none, none, none, none, none, CsvTable::number(m.train_loss),
                  CsvTable::number(m.train_accuracy), CsvTable::number(m.val_loss),
                  CsvTable::number(m.val_accuracy), CsvTable::number(m.expected_cost),
                  CsvTable::number(m.temperature), CsvTable::number(m.images_per_s)});
    };
    for (const auto& s : steps_) {
        const double x = stepPosition(s);
        for (; e < epochs_.size() && epochPosition(epochs_[e]) <= x; ++e)
            epochRow(epochs_[e]);
        t.addRow({CsvTable::number(x), QString::number(s.epoch), QString::number(s.global_step),
                  QString::fromLatin1(dnas::toString(s.phase)), CsvTable::number(s.loss),
                  CsvTable::number(s.ce), CsvTable::number(s.accuracy),
                  CsvTable::number(s.expected_cost), CsvTable::number(s.images_per_s),
                  CsvTable::number(s.lr), none, none, none, none, none, none, none});
    }
    for (; e < epochs_.size(); ++e)
        epochRow(epochs_[e]);
    return t;
}

} // namespace dnas::ui
