// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "ui/plots/CsvTable.h"
#include "ui/plots/RunSeries.h"

#include <QItemSelectionModel>
#include <QPointF>
#include <QPointer>
#include <QWidget>
#include <memory>
#include <optional>
#include <vector>

class QCustomPlot;
class QCPColorScale;
class QCPGraph;
class QItemSelection;
class QModelIndex;
class QMouseEvent;

namespace dnas {
struct SampleSet;
}

namespace dnas::ui {

class CandidatesModel;
class TargetMarker;

// One-shot accuracy vs cost of every sampled architecture, coloured by epoch; the
// non-dominated front (dnas::paretoFront over all points) as a step line, dominated points
// faded. Hover shows a point, a click selects it. Selection lives in ONE QItemSelectionModel,
// shared with the candidates table, so plot and table always agree.
// Drawn with a few QCPGraphs (one pair per epoch colour bucket), not one item per point, so
// 10,000 points replot within a frame.
class ParetoPlot : public QWidget {
    Q_OBJECT
  public:
    explicit ParetoPlot(QWidget* parent = nullptr);
    ~ParetoPlot() override;

    CandidatesModel* model() const { return model_; }
    // A selection model over model() or over a proxy chain on it (the table's); the plot makes
    // its own until one is given.
    void setSelectionModel(QItemSelectionModel* selection);
    QItemSelectionModel* selectionModel() const { return selection_; }

    void addSamples(const dnas::SampleSet& set);
    void clear();

    // The cost model's unit ("us"), for the cost axis before samples bring theirs.
    void setCostUnit(const QString& unit);
    // The search's cost target as a dashed vertical line (cost is the x axis), its ±tolerance
    // (a fraction) shaded; nullopt when the search does not steer to one. Hidden while runs
    // are overlaid: each of those has its own target.
    void setTarget(std::optional<double> cost, double tolerance);
    const TargetMarker& target() const { return *target_; }

    // Runs to compare (the Runs panel's ticked ones): each run's points faded, its front as a
    // step line with opaque points, its delivered net as a diamond and, once retrained, that
    // net's test accuracy as a star, all in the run's colour with the legend naming the run.
    // While there are any they replace the own run's points. Empty: back to the own run.
    void setOverlays(const std::vector<RunSeries>& runs);
    struct OverlayGraphs {
        QCPGraph* points = nullptr;    // every sample, faded
        QCPGraph* front = nullptr;     // the run's non-dominated samples, cheapest first
        QCPGraph* delivered = nullptr; // one point, or none before the run finished
        QCPGraph* retrained = nullptr; // one point, or none before retraining finished
    };
    // The own run's delivered net once retrained: a star at its cost and test accuracy (0..1),
    // beside the one-shot points; nullopt removes it. clear() does too.
    void setRetrained(std::optional<double> cost, std::optional<double> accuracy);
    QCPGraph* retrainedMark() const { return retrainedMark_; }
    int overlayCount() const { return static_cast<int>(overlays_.size()); }
    const OverlayGraphs& overlay(int run) const { return overlays_.at(static_cast<size_t>(run)); }

    std::vector<size_t> frontIndices() const { return front_; } // model rows, cheapest first
    int selectedRow() const { return selectedRow_; }            // model row, -1 when none
    QString selectedArchitecture() const;
    void selectRow(int row);               // what a click on that point does
    int rowAt(const QPointF& pixel) const; // nearest point within reach of the cursor, or -1
    QString tooltipText(int row) const;

    CsvTable csv() const; // every point, with its front membership
    QCustomPlot* plot() const { return plot_; }

  signals:
    void architectureSelected(const QString& arch);
    void sampleSelected(int row);

  private:
    QModelIndex selectionIndex(int row) const;
    int modelRow(const QModelIndex& index) const;
    void onSelectionChanged();
    void rebuild();
    void fitAxes(); // to the points and the target band, unless the user panned or zoomed
    void drawSelection();
    void applyOverlayMode();
    void onMouseMove(QMouseEvent* event);
    void onMousePress(QMouseEvent* event);

    QCustomPlot* plot_ = nullptr;
    QCPColorScale* scale_ = nullptr;
    std::vector<QCPGraph*> dominated_; // per epoch bucket, faded
    std::vector<QCPGraph*> onFront_;   // per epoch bucket, opaque
    QCPGraph* frontLine_ = nullptr;
    QCPGraph* selectionMark_ = nullptr;
    std::unique_ptr<TargetMarker> target_;
    std::optional<double> ownTarget_; // the own run's target: shown while no runs overlay it
    double ownTolerance_ = 0.0;
    CandidatesModel* model_ = nullptr;
    QPointer<QItemSelectionModel> selection_;
    std::vector<size_t> front_;
    std::vector<OverlayGraphs> overlays_;
    // Legend keys (no data) saying what a diamond and a star are, whatever the run's colour.
    QCPGraph* keyDelivered_ = nullptr;
    QCPGraph* keyRetrained_ = nullptr;
    QCPGraph* retrainedMark_ = nullptr; // the own run's retrained net
    int selectedRow_ = -1;
    bool followData_ = true; // false once the user pans or zooms
};

} // namespace dnas::ui
