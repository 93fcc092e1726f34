// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/spaceeditor/LutMeasureTask.h"

#include "engine/cost/LutMeasurer.h"

#include <QThread>

namespace dnas::ui {

LutMeasureTask::LutMeasureTask(QObject* parent) : QObject(parent) {}

LutMeasureTask::~LutMeasureTask() {
    if (!thread_)
        return;
    cancel();
    thread_->wait();
    delete thread_;
}

bool LutMeasureTask::start(const SearchSpace& space) {
    if (thread_)
        return false;
    cancel_ = false;
    thread_ = QThread::create([this, space] { run(space); });
    // Reported once the worker is gone, so that a handler may start the next measurement.
    connect(thread_, &QThread::finished, this, [this] {
        thread_->deleteLater();
        thread_ = nullptr;
        emit finished(completed_, message_);
    });
    thread_->start(QThread::LowPriority);
    return true;
}

void LutMeasureTask::cancel() {
    cancel_ = true;
}

void LutMeasureTask::run(const SearchSpace& space) {
    // Runs on the worker thread: signals emitted here reach the GUI thread queued.
    completed_ = false;
    try {
        int measured = 0;
        const auto lut = ensureMachineLut(
            space,
            [&](size_t done, size_t total, const std::string& what) {
                measured = int(done);
                emit progress(int(done), int(total), QString::fromStdString(what));
                return !cancel_.load();
            },
            options_);
        completed_ = lut.has_value();
        message_ = completed_
                       ? tr("Measured %n signature(s) on this machine", nullptr, measured)
                       : tr("Cancelled after %n signature(s); they are kept", nullptr, measured);
    } catch (const std::exception& e) {
        message_ = QString::fromStdString(e.what());
    }
}

} // namespace dnas::ui
