// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "ui/util/ErrorReporter.h"
#include <QObject>
#include <QPointer>
#include <functional>

class QAction;
class QWidget;

namespace dnas::ui {

class ExportDialog;
class SearchSession;
class SearchViews;

// File ▸ Export Model: opens the export dialog for the current run's architecture — the Pareto
// point the user picked (also what the inspector shows), else the run's latest argmax — and
// keeps the action enabled only while there is a run to export from.
class ExportModelAction : public QObject {
    Q_OBJECT
  public:
    ExportModelAction(QAction* action, SearchSession* controller, SearchViews* views,
                      QWidget* window);

    void setErrorReporter(ErrorReporter reporter) { report_ = std::move(reporter); }
    // The architecture the dialog would export now; empty when none is known yet.
    QString architecture() const;
    // Opens (or raises) the dialog; nullptr with an error shown when there is nothing to export.
    ExportDialog* openDialog();
    ExportDialog* dialog() const; // the open dialog, if any

  private:
    void updateAction();

    QAction* action_;
    SearchSession* controller_;
    SearchViews* views_;
    QWidget* window_;
    QPointer<ExportDialog> dialog_;
    ErrorReporter report_;
};

} // namespace dnas::ui
