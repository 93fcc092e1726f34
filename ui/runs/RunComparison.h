// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "ui/plots/RunSeries.h"

#include <QObject>
#include <QTimer>
#include <map>
#include <vector>

namespace dnas::ui {

class CrossDeviceTable;
class CurvesPlot;
class ParetoPlot;
class RunsModel;

// Feeds the runs ticked in a RunsModel to the curves and Pareto plots as overlays and to the
// cross-device table. Each run's logs are read once (RunReader) and again when its folder
// changes; ticking several runs in a row rebuilds once (coalesced like the session's flushes).
class RunComparison : public QObject {
    Q_OBJECT
  public:
    static constexpr int kCoalesceMs = 40; // the session's flush interval: one rebuild a frame

    RunComparison(RunsModel* runs, CurvesPlot* curves, ParetoPlot* pareto, CrossDeviceTable* table,
                  QObject* parent = nullptr);

    void update(); // now, not coalesced
    const std::vector<RunSeries>& series() const { return series_; }
    // One run's logs as the overlays draw them; throws DnasError naming the file and field.
    static RunSeries load(const QString& dir);

  signals:
    void updated();

  private:
    RunsModel* runs_;
    CurvesPlot* curves_;
    ParetoPlot* pareto_;
    CrossDeviceTable* table_;
    QTimer coalesce_;
    std::map<QString, RunSeries> cache_;
    std::vector<RunSeries> series_;
};

} // namespace dnas::ui
