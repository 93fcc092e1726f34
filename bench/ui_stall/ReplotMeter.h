// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "bench/ui_stall/Distribution.h"
#include "bench/ui_stall/StallMeter.h"

#include <QElapsedTimer>
#include <map>
#include <qcustomplot.h>
#include <string>

namespace dnas::bench {

// Times every replot of the watched plots between QCustomPlot's beforeReplot and afterReplot
// signals: the layout and the drawing of all layers into the paint buffers, i.e. the work a
// replot puts on the GUI thread (the paint event then only copies the buffers).
class ReplotMeter {
  public:
    struct View {
        Distribution wall, cpu;
        QElapsedTimer clock;
        double cpuStart = 0.0;
    };

    void watch(const std::string& name, QCustomPlot* plot) {
        View* v = &views_[name];
        QObject::connect(plot, &QCustomPlot::beforeReplot, [v] {
            v->clock.start();
            v->cpuStart = StallMeter::threadCpuMs();
        });
        QObject::connect(plot, &QCustomPlot::afterReplot, [this, v] {
            if (!enabled_ || !v->clock.isValid())
                return;
            v->wall.add(static_cast<double>(v->clock.nsecsElapsed()) / 1e6);
            v->cpu.add(StallMeter::threadCpuMs() - v->cpuStart);
        });
    }
    void setEnabled(bool on) { enabled_ = on; }
    void clear() {
        for (auto& [name, v] : views_) {
            v.wall.clear();
            v.cpu.clear();
        }
    }
    const std::map<std::string, View>& views() const { return views_; }

  private:
    std::map<std::string, View> views_;
    bool enabled_ = true;
};

} // namespace dnas::bench
