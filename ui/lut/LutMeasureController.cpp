// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lut/LutMeasureController.h"

namespace dnas::ui {

LutMeasureController::LutMeasureController(QObject* parent)
    : QObject(parent), cancel_(std::make_shared<std::atomic<bool>>(false)) {
    qRegisterMetaType<dnas::ui::LutMeasureOutcome>("dnas::ui::LutMeasureOutcome");
    worker_ = new LutMeasureWorker(cancel_);
    thread_.setObjectName(QStringLiteral("dnas-lut-measure"));
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
    connect(worker_, &LutMeasureWorker::progress, this, &LutMeasureController::progress);
    connect(worker_, &LutMeasureWorker::finished, this, [this](const LutMeasureOutcome& outcome) {
        running_ = false;
        emit finished(outcome);
    });
    thread_.start();
}

LutMeasureController::~LutMeasureController() {
    cancel_->store(true);
    thread_.quit();
    thread_.wait();
}

bool LutMeasureController::start(const LutMeasureRequest& request) {
    if (running_ || request.signatures.empty())
        return false;
    running_ = true;
    cancel_->store(false);
    LutMeasureWorker* worker = worker_;
    QMetaObject::invokeMethod(
        worker, [worker, request] { worker->run(request); }, Qt::QueuedConnection);
    return true;
}

void LutMeasureController::cancel() {
    if (running_)
        cancel_->store(true);
}

} // namespace dnas::ui
