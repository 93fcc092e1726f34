// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "ui/plots/CsvTable.h"

#include <QString>
#include <functional>

class QCustomPlot;
class QWidget;

namespace dnas::ui {

// Saving a view: the picture (PNG or PDF, chosen by the file's suffix) and the data behind it
// (CSV). Every view offers both from its context menu, so figures in a report can be redrawn.
class PlotExport {
  public:
    using CsvSource = std::function<CsvTable()>;

    // PDF when the path ends in .pdf, else PNG; drawn at the widget's size (or a default size
    // when it was never shown, as in a headless export).
    static bool saveImage(QCustomPlot* plot, const QString& path, QString* error = nullptr);
    static bool saveCsv(const CsvSource& source, const QString& path, QString* error = nullptr);

    // Adds "Save image…" (when plot is given) and "Save data as CSV…" to target's context menu.
    // baseName proposes the file names.
    static void installContextMenu(QWidget* target, QCustomPlot* plot, CsvSource source,
                                   const QString& baseName);
};

} // namespace dnas::ui
