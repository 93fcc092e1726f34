// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/cost/TimingProtocol.h"
#include "engine/space/SearchSpace.h"

#include <QObject>
#include <atomic>

class QThread;

namespace dnas::ui {

// Measures on a worker thread what this machine's LUT ("auto", LutCache) lacks for a space,
// and stores it in the cache (ensureMachineLut). Progress and the end come back as queued
// signals carrying plain values; cancel() stops before the next signature, keeping what was
// measured.
class LutMeasureTask : public QObject {
    Q_OBJECT
  public:
    explicit LutMeasureTask(QObject* parent = nullptr);
    ~LutMeasureTask() override; // cancels and waits for the worker

    void setTimingOptions(const TimingOptions& options) { options_ = options; }
    bool isRunning() const { return thread_ != nullptr; }
    // False when a measurement is already running.
    bool start(const SearchSpace& space);
    void cancel();

  signals:
    void progress(int done, int total, const QString& what);
    // completed: everything measured and stored; message says what happened or what failed.
    void finished(bool completed, const QString& message);

  private:
    void run(const SearchSpace& space);

    TimingOptions options_;
    QThread* thread_ = nullptr;
    std::atomic<bool> cancel_{false};
    bool completed_ = false; // written by the worker, read after it finished
    QString message_;
};

} // namespace dnas::ui
