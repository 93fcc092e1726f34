// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/search/SearchTypes.h"
#include "ui/plots/CsvTable.h"
#include "ui/plots/RunSeries.h"
#include "ui/plots/TrainingLog.h"

#include <QWidget>
#include <array>
#include <memory>
#include <optional>
#include <vector>

class QCustomPlot;
class QCPAxisRect;
class QCPGraph;
class QCPLegend;
class QLabel;
class QSlider;

namespace dnas::ui {

class TargetMarker;

// Training curves of a search, in four stacked panels sharing one epoch axis: loss, accuracy,
// expected cost (with the cost target and its tolerance band when the search steers to one),
// temperature and throughput. Per-step series are drawn raw (faded) and smoothed (EMA);
// per-epoch series as lines with markers. Legend items toggle series; drag pans, the wheel
// zooms, a double-click goes back to following the data.
class CurvesPlot : public QWidget {
    Q_OBJECT
  public:
    enum class Series {
        StepLoss,
        StepAccuracy,
        StepCost, // per step (smoothed + raw)
        TrainLoss,
        ValLoss,
        TrainAccuracy,
        ValAccuracy,
        EpochCost,
        Temperature,
        ImagesPerS,
    };
    static constexpr int kSeriesCount = 10;
    // What each overlaid run draws, one curve per panel (entropy on the temperature panel's
    // right axis, dashed): per-epoch values, comparable across runs of different lengths.
    enum class OverlayCurve { TrainLoss, ValAccuracy, EpochCost, Temperature, Entropy };
    static constexpr int kOverlayCurveCount = 5;

    explicit CurvesPlot(QWidget* parent = nullptr);
    ~CurvesPlot() override;

    void addSteps(const std::vector<dnas::StepMetrics>& steps);
    void addEpoch(const dnas::EpochMetrics& metrics);
    void clear();

    void setCostUnit(const QString& unit);
    // The search's cost target (SearchSettings::target) as a dashed line over the expected
    // cost, its ±tolerance (a fraction) shaded; nullopt when the search does not steer to one.
    // Hidden while runs are overlaid: those draw their own.
    void setTarget(std::optional<double> cost, double tolerance);
    const TargetMarker& target() const { return *target_; }
    // EMA weight of the past, 0 (raw) .. 0.99; the slider's value / 100.
    void setSmoothing(double alpha);
    double smoothing() const { return alpha_; }
    // Runs to compare (the Runs panel's ticked ones), each in its colour with the legend naming
    // it; while there are any, they replace this plot's own series. A run searched for a target
    // draws it over the expected cost the way the own run does (TargetMarker), in the run's
    // colour with the label naming the run. Empty: back to the own run.
    void setOverlays(const std::vector<RunSeries>& runs);
    int overlayCount() const { return static_cast<int>(overlays_.size()); }
    QCPGraph* overlayGraph(int run, OverlayCurve c) const;
    // That run's target marker; nullptr when it searched for no target.
    const TargetMarker* overlayTarget(int run) const;
    void setSeriesVisible(Series s, bool visible);
    bool isSeriesVisible(Series s) const;

    int pointCount(Series s) const;     // points drawn by the series' main graph
    QCPGraph* graph(Series s) const;    // smoothed for step series
    QCPGraph* rawGraph(Series s) const; // faded raw values; nullptr for epoch series
    static double stepPosition(const dnas::StepMetrics& m) { return TrainingLog::stepPosition(m); }

    CsvTable csv() const { return log_.csv(); } // one row per step and per epoch
    const TrainingLog& log() const { return log_; }
    QCustomPlot* plot() const { return plot_; }

  private:
    QCPGraph* makeGraph(int panel, Series s, const QString& name, int colour, bool markers,
                        bool rightAxis = false);
    static int index(Series s) { return static_cast<int>(s); }
    static double stepValue(Series s, const dnas::StepMetrics& m);
    void rebuildSmoothed();
    void fitToData();
    void rebuildLegends();
    void applyVisibility();

    QCustomPlot* plot_ = nullptr;
    std::array<QCPAxisRect*, 4> rects_{}; // loss, accuracy, cost, temperature
    std::array<QCPLegend*, 4> legends_{}; // one per panel, inside it
    std::array<QCPGraph*, kSeriesCount> graphs_{};
    std::array<QCPGraph*, kSeriesCount> raw_{};
    std::array<int, kSeriesCount> panelOf_{};
    std::array<bool, kSeriesCount> shown_{}; // the user's choice; overlays hide all for a while
    std::vector<std::array<QCPGraph*, kOverlayCurveCount>> overlays_;
    double overlayEnd_ = 0.0;     // last epoch position of the overlaid runs
    std::array<double, 3> ema_{}; // running EMA of each step series
    std::unique_ptr<TargetMarker> target_;
    std::optional<double> ownTarget_; // the own run's target: shown while no runs overlay it
    double ownTolerance_ = 0.0;
    std::vector<std::unique_ptr<TargetMarker>> overlayTargets_; // per overlaid run, or nullptr
    QSlider* smoothingSlider_ = nullptr;
    QLabel* smoothingLabel_ = nullptr;
    double alpha_ = 0.0;
    bool followData_ = true; // false once the user pans or zooms
    TrainingLog log_;
};

} // namespace dnas::ui
