// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/export/ExportMetaTypes.h"

namespace dnas::ui {

void registerExportMetaTypes() {
    qRegisterMetaType<dnas::TrainProgress>("dnas::TrainProgress");
    qRegisterMetaType<dnas::ExportResult>("dnas::ExportResult");
}

} // namespace dnas::ui
