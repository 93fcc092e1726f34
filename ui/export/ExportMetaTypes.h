// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The export job's value structs as Qt metatypes, so queued signals carry them across threads.
#include "engine/export/ModelExporter.h"
#include "engine/train/TrainSettings.h"

#include <QMetaType>

Q_DECLARE_METATYPE(dnas::TrainProgress)
Q_DECLARE_METATYPE(dnas::ExportResult)

namespace dnas::ui {
// Registers the structs above (idempotent); ExportController calls it before its first job.
void registerExportMetaTypes();
} // namespace dnas::ui
