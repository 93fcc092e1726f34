// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lut/LutCheckController.h"

namespace dnas::ui {

LutCheckController::LutCheckController(QObject* parent)
    : QObject(parent), cancel_(std::make_shared<std::atomic<bool>>(false)) {
    qRegisterMetaType<dnas::ui::LutCheckOutcome>("dnas::ui::LutCheckOutcome");
    worker_ = new LutCheckWorker(cancel_);
    thread_.setObjectName(QStringLiteral("dnas-lut-check"));
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
    connect(worker_, &LutCheckWorker::progress, this, &LutCheckController::progress);
    connect(worker_, &LutCheckWorker::finished, this, [this](const LutCheckOutcome& outcome) {
        running_ = false;
        emit finished(outcome);
    });
    thread_.start();
}

LutCheckController::~LutCheckController() {
    cancel_->store(true);
    thread_.quit();
    thread_.wait();
}

bool LutCheckController::start(const LutCheckRequest& request) {
    if (running_ || request.archs < 1)
        return false;
    running_ = true;
    cancel_->store(false);
    LutCheckWorker* worker = worker_;
    QMetaObject::invokeMethod(
        worker, [worker, request] { worker->run(request); }, Qt::QueuedConnection);
    return true;
}

void LutCheckController::cancel() {
    if (running_)
        cancel_->store(true);
}

} // namespace dnas::ui
