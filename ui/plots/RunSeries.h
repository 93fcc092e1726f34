// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/search/SearchTypes.h"

#include <QColor>
#include <QString>
#include <optional>
#include <vector>

namespace dnas::ui {

// One run as the plots overlay it: its name and colour, the per-epoch log, every sampled
// architecture, the delivered net and, once retrained, that net's test accuracy; the cost
// target it searched for, if it steered to one (its study.json settings).
struct RunSeries {
    QString name;
    QColor colour;
    QString costUnit;
    std::vector<dnas::EpochMetrics> epochs;
    std::vector<dnas::SampledArchitecture> samples;
    std::optional<dnas::SampledArchitecture> delivered; // final/summary.json's argmax
    std::optional<double> retrainedAccuracy;            // 0..1, the delivered net's test score
    std::optional<double> target; // in costUnit; none when the run did not steer to a target
    double targetTolerance = 0.0; // fraction: 0.05 = ±5 %
};

} // namespace dnas::ui
