// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "ui/lut/LutCheckWorker.h"

#include <QObject>
#include <QThread>
#include <atomic>
#include <memory>

namespace dnas::ui {

// Checks or calibrates a LUT on whole nets off the GUI thread: one job at a time on its own
// QThread, with progress and cancel. The GUI thread never waits for it, except in the
// destructor, after cancelling (the net being timed then finishes, a fraction of a second).
class LutCheckController : public QObject {
    Q_OBJECT
  public:
    explicit LutCheckController(QObject* parent = nullptr);
    ~LutCheckController() override;

    // False when a job is already running or it asks for no nets.
    bool start(const LutCheckRequest& request);
    // Stops before the next net; finished() still comes, with cancelled set.
    void cancel();
    bool isRunning() const { return running_; }

  signals:
    void progress(int done, int total, const QString& what);
    void finished(const dnas::ui::LutCheckOutcome& outcome);

  private:
    QThread thread_;
    LutCheckWorker* worker_;
    std::shared_ptr<std::atomic<bool>> cancel_;
    bool running_ = false;
};

} // namespace dnas::ui
