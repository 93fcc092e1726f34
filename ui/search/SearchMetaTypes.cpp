// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/search/SearchMetaTypes.h"

#include <QString>

namespace dnas::ui {

void registerSearchMetaTypes() {
    qRegisterMetaType<dnas::StepMetrics>("dnas::StepMetrics");
    qRegisterMetaType<dnas::EpochMetrics>("dnas::EpochMetrics");
    qRegisterMetaType<dnas::SampleSet>("dnas::SampleSet");
    qRegisterMetaType<std::vector<dnas::StepMetrics>>("std::vector<dnas::StepMetrics>");
    qRegisterMetaType<dnas::SweepTarget>("dnas::SweepTarget");
    qRegisterMetaType<dnas::TrainProgress>("dnas::TrainProgress");
    qRegisterMetaType<QString>("QString");
}

} // namespace dnas::ui
