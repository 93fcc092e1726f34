// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The engine's value structs as Qt metatypes, so queued signals can carry them across threads.
#include "engine/search/SearchTypes.h"
#include "engine/search/SweepObserver.h"
#include "ui/export/ExportMetaTypes.h" // TrainProgress: a sweep retrains as Export does

#include <QMetaType>
#include <vector>

Q_DECLARE_METATYPE(dnas::StepMetrics)
Q_DECLARE_METATYPE(dnas::EpochMetrics)
Q_DECLARE_METATYPE(dnas::SampleSet)
Q_DECLARE_METATYPE(std::vector<dnas::StepMetrics>)
Q_DECLARE_METATYPE(dnas::SweepTarget)

namespace dnas::ui {
// Registers the structs above (idempotent); SearchSession calls it before its first run.
void registerSearchMetaTypes();
} // namespace dnas::ui
