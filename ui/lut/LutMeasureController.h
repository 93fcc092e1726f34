// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "ui/lut/LutMeasureWorker.h"

#include <QObject>
#include <QThread>
#include <atomic>
#include <memory>

namespace dnas::ui {

// Measures LUT entries on this machine off the GUI thread: one measurement at a time on its own
// QThread, with progress and cancel. The GUI thread never waits for it, except in the
// destructor, after cancelling (the signature being timed then finishes, a fraction of a second).
class LutMeasureController : public QObject {
    Q_OBJECT
  public:
    explicit LutMeasureController(QObject* parent = nullptr);
    ~LutMeasureController() override;

    // False when a measurement is already running or there is nothing to measure.
    bool start(const LutMeasureRequest& request);
    // Stops before the next signature; finished() still comes, with what was measured.
    void cancel();
    bool isRunning() const { return running_; }

  signals:
    void progress(int done, int total, const QString& what);
    void finished(const dnas::ui::LutMeasureOutcome& outcome);

  private:
    QThread thread_;
    LutMeasureWorker* worker_;
    std::shared_ptr<std::atomic<bool>> cancel_;
    bool running_ = false;
};

} // namespace dnas::ui
