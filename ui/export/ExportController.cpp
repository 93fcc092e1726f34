// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/export/ExportController.h"

#include "engine/search/StopPauseToken.h"

namespace dnas::ui {

ExportController::ExportController(QObject* parent) : QObject(parent), worker_(new ExportWorker) {
    registerExportMetaTypes();
    thread_.setObjectName(QStringLiteral("dnas-export"));
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
    connect(worker_, &ExportWorker::stageChanged, this, &ExportController::stageChanged);
    connect(worker_, &ExportWorker::trainProgress, this, &ExportController::trainProgress);
    connect(worker_, &ExportWorker::exported, this, &ExportController::exported);
    connect(worker_, &ExportWorker::failed, this, &ExportController::failed);
    connect(worker_, &ExportWorker::canceled, this, &ExportController::canceled);
    connect(worker_, &ExportWorker::done, this, [this] {
        setBusy(false);
        emit finished();
    });
    thread_.start();
}

ExportController::~ExportController() {
    // Shutdown is the one place the GUI thread waits: ask the retraining to stop first.
    if (control_)
        control_->requestStop();
    thread_.quit();
    thread_.wait();
}

bool ExportController::start(const ExportPlan& plan) {
    if (busy_) {
        emit failed(tr("An export is already running."));
        return false;
    }
    control_ = std::make_shared<StopPauseToken>();
    setBusy(true);
    QMetaObject::invokeMethod(
        worker_, [worker = worker_, plan, control = control_] { worker->execute(plan, control); },
        Qt::QueuedConnection);
    return true;
}

void ExportController::cancel() {
    if (busy_ && control_)
        control_->requestStop();
}

bool ExportController::cancelRequested() const {
    return control_ && control_->stopRequested();
}

void ExportController::setBusy(bool busy) {
    if (busy == busy_)
        return;
    busy_ = busy;
    emit busyChanged(busy);
}

} // namespace dnas::ui
