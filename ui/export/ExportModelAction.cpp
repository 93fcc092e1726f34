// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/export/ExportModelAction.h"

#include "ui/export/ExportController.h"
#include "ui/export/ExportDialog.h"
#include "ui/mainwindow/SearchViews.h"
#include "ui/plots/ParetoPlot.h"
#include "ui/search/SearchSession.h"

#include <QAction>
#include <QMessageBox>

namespace dnas::ui {

ExportModelAction::ExportModelAction(QAction* action, SearchSession* controller, SearchViews* views,
                                     QWidget* window)
    : QObject(window), action_(action), controller_(controller), views_(views), window_(window) {
    report_ = [this](const QString& title, const QString& text) {
        QMessageBox::critical(window_, title, text);
    };
    connect(action_, &QAction::triggered, this, [this] { openDialog(); });
    connect(controller_, &SearchSession::runStarted, this, &ExportModelAction::updateAction);
    connect(controller_, &SearchSession::stateChanged, this, &ExportModelAction::updateAction);
    updateAction();
}

QString ExportModelAction::architecture() const {
    const QString picked = views_->pareto()->selectedArchitecture();
    return picked.isEmpty() ? views_->argmaxArchitecture() : picked;
}

ExportDialog* ExportModelAction::openDialog() {
    const QString arch = architecture();
    if (controller_->runDir().isEmpty() || arch.isEmpty()) {
        report_(tr("Nothing to export"),
                tr("Export needs an architecture of a run: start a search or open a run folder, "
                   "then pick a point on the Pareto plot or wait for the first sampled epoch."));
        return nullptr;
    }
    if (dialog_ && dialog_->controller()->isBusy()) {
        dialog_->raise();
        dialog_->activateWindow();
        return dialog_;
    }
    if (dialog_)
        dialog_->deleteLater();
    dialog_ = new ExportDialog(controller_->runDir(), arch, window_);
    dialog_->setAttribute(Qt::WA_DeleteOnClose);
    dialog_->setErrorReporter(report_);
    dialog_->show();
    return dialog_;
}

ExportDialog* ExportModelAction::dialog() const {
    return dialog_;
}

void ExportModelAction::updateAction() {
    action_->setEnabled(!controller_->runDir().isEmpty());
}

} // namespace dnas::ui
