// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "bench/ui_stall/Distribution.h"

#include <QElapsedTimer>
#include <QTimer>
#include <ctime>

namespace dnas::bench {

// Measures how long the GUI thread's event loop goes without serving a 1 ms timer: each gap
// between two ticks is the longest the app could have taken to react to input at that moment.
// Besides the wall-clock gap it records the GUI thread's own CPU time within the gap, which is
// the app's work alone: on a shared machine a wall gap also holds the waits for a free core.
class StallMeter {
  public:
    static constexpr int kTickMs = 1; // the finest QTimer resolution

    StallMeter() {
        timer_.setTimerType(Qt::PreciseTimer);
        timer_.setInterval(kTickMs);
        QObject::connect(&timer_, &QTimer::timeout, [this] { tick(); });
    }

    void start() {
        wall_.clear();
        cpu_.clear();
        clock_.start();
        lastWallNs_ = 0;
        lastCpuMs_ = threadCpuMs();
        worstAtMs_ = 0.0;
        timer_.start();
    }
    void stop() { timer_.stop(); }

    const Distribution& wallGaps() const { return wall_; }     // ms between ticks
    const Distribution& cpuGaps() const { return cpu_; }       // GUI-thread CPU ms within each gap
    double worstAtSeconds() const { return worstAtMs_ / 1e3; } // when the longest gap ended
    double elapsedSeconds() const { return static_cast<double>(clock_.elapsed()) / 1e3; }

    static double threadCpuMs() {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
    }

  private:
    void tick() {
        const qint64 now = clock_.nsecsElapsed();
        const double cpu = threadCpuMs();
        const double gap = static_cast<double>(now - lastWallNs_) / 1e6;
        if (gap > wall_.max())
            worstAtMs_ = static_cast<double>(now) / 1e6;
        wall_.add(gap);
        cpu_.add(cpu - lastCpuMs_);
        lastWallNs_ = now;
        lastCpuMs_ = cpu;
    }

    QTimer timer_;
    QElapsedTimer clock_;
    qint64 lastWallNs_ = 0;
    double lastCpuMs_ = 0.0;
    double worstAtMs_ = 0.0;
    Distribution wall_, cpu_;
};

} // namespace dnas::bench
