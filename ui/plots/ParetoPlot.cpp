// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/ParetoPlot.h"

#include "engine/search/SearchTypes.h"
#include "ui/plots/CandidatesModel.h"
#include "ui/plots/PlotExport.h"
#include "ui/plots/PlotPalette.h"
#include "ui/plots/ProxyChain.h"
#include "ui/plots/TargetMarker.h"
#include "ui/util/NumberFormat.h"
#include "ui/util/Units.h"

#include <QItemSelectionModel>
#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>
#include <numeric>
#include <qcustomplot.h>

namespace dnas::ui {

namespace {
// Epochs share colours in at most this many buckets: two graphs per bucket keep replots cheap.
constexpr int kEpochBuckets = 16;
// Dominated points stay visible but recede behind the front.
constexpr double kDominatedAlpha = 0.35;
constexpr double kPointSize = 5.0;
constexpr double kFrontPointSize = 8.0;
constexpr double kSelectionSize = 16.0;
// The selection ring (the palette's vermilion, unused by viridis) and the front line stand out
// by weight.
constexpr double kSelectionPenWidth = 2.5;
constexpr double kFrontLineWidth = 1.5;
// Keeps a single point (zero span) from collapsing the axis range.
constexpr double kMinAxisPad = 1e-6;
// How close (pixels) the cursor must be to a point to hover or pick it.
constexpr double kPickRadiusPx = 8.0;
// Name of the layer the selection ring is drawn on.
const QString kSelectionLayer = QStringLiteral("selection");
// The retrained star's layer, above "main": the target's label card (an item on "main", drawn
// after the graphs) sits at the top of the band, where a retrained net's accuracy often lands.
const QString kStarLayer = QStringLiteral("stars");
// Margin around the data when the axes follow it, as a fraction of the span.
constexpr double kParetoMargin = 0.05;
// Overlaid runs: points faded so that the fronts and the delivered and retrained nets read on
// top of four runs' worth of samples.
constexpr double kOverlayPointAlpha = 0.3;
constexpr double kOverlayMarkSize = 12.0;
constexpr double kOverlayEdgeWidth = 1.0; // a thin dark edge keeps a diamond visible on any colour
const char* const kOneShotLabel =
    QT_TRANSLATE_NOOP("ParetoPlot", "one-shot accuracy, supernet estimate (%)");
const char* const kOverlayLabel =
    QT_TRANSLATE_NOOP("ParetoPlot", "accuracy (%): one-shot, stars retrained");
} // namespace

ParetoPlot::ParetoPlot(QWidget* parent) : QWidget(parent) {
    model_ = new CandidatesModel(this);
    plot_ = new QCustomPlot(this);
    // The legend names overlaid runs only (setOverlays adds them); a front rises to the right,
    // so the lower right corner is the free one.
    plot_->setAutoAddPlottableToLegend(false);
    QCPAxisRect* rect = plot_->axisRect();
    rect->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
    scale_ = new QCPColorScale(plot_);
    plot_->plotLayout()->addElement(0, 1, scale_);
    auto* margins = new QCPMarginGroup(plot_);
    rect->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
    scale_->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
    scale_->setGradient(PlotPalette::viridis());
    scale_->setLabel(tr("epoch"));
    scale_->setDataRange(QCPRange(0, 1));
    plot_->xAxis->setLabel(tr("cost"));
    // One-shot scores rank retrained nets only loosely (Kendall τ 0.06-0.66 in
    // bench/README.md): the axis says it holds the supernet's estimate, not a trained net's.
    plot_->yAxis->setLabel(tr(kOneShotLabel));

    frontLine_ = plot_->addGraph();
    frontLine_->setLineStyle(
        QCPGraph::lsStepLeft); // accuracy holds until a costlier point beats it
    frontLine_->setPen(QPen(Qt::black, kFrontLineWidth));
    for (int b = 0; b < kEpochBuckets; ++b) {
        for (auto* list : {&dominated_, &onFront_}) {
            QCPGraph* g = plot_->addGraph();
            g->setLineStyle(QCPGraph::lsNone);
            list->push_back(g);
        }
    }
    // The selection ring lives on its own buffered layer: a click redraws only that layer, not
    // the 10,000 points under it.
    plot_->addLayer(kSelectionLayer, plot_->layer(QStringLiteral("main")), QCustomPlot::limAbove);
    plot_->layer(kSelectionLayer)->setMode(QCPLayer::lmBuffered);
    selectionMark_ = plot_->addGraph();
    selectionMark_->setLayer(kSelectionLayer);
    selectionMark_->setLineStyle(QCPGraph::lsNone);
    selectionMark_->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(PlotPalette::series(1), kSelectionPenWidth),
                        Qt::NoBrush, kSelectionSize));
    keyDelivered_ = plot_->addGraph();
    keyDelivered_->setLineStyle(QCPGraph::lsNone);
    keyDelivered_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond,
                                                   QPen(Qt::black, kOverlayEdgeWidth), Qt::gray,
                                                   kOverlayMarkSize));
    keyDelivered_->setName(tr("delivered net, one-shot"));
    keyRetrained_ = plot_->addGraph();
    keyRetrained_->setLineStyle(QCPGraph::lsNone);
    keyRetrained_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssStar,
                                                   QPen(Qt::black, kSelectionPenWidth), Qt::NoBrush,
                                                   kOverlayMarkSize));
    keyRetrained_->setName(tr("delivered net, retrained (test set)"));
    retrainedMark_ = plot_->addGraph();
    retrainedMark_->setLineStyle(QCPGraph::lsNone);
    retrainedMark_->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssStar, QPen(PlotPalette::series(1), kSelectionPenWidth),
                        Qt::NoBrush, kOverlayMarkSize));
    plot_->addLayer(kStarLayer, plot_->layer(QStringLiteral("main")), QCustomPlot::limAbove);
    retrainedMark_->setLayer(kStarLayer);
    target_ = std::make_unique<TargetMarker>(plot_, rect, TargetMarker::Orientation::Vertical);
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot_->setMouseTracking(true);
    connect(plot_, &QCustomPlot::mouseMove, this, &ParetoPlot::onMouseMove);
    connect(plot_, &QCustomPlot::mousePress, this, &ParetoPlot::onMousePress);
    connect(plot_, &QCustomPlot::mouseWheel, this, [this] { followData_ = false; });
    connect(plot_, &QCustomPlot::mouseDoubleClick, this, [this] {
        followData_ = true;
        rebuild();
    });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    PlotExport::installContextMenu(
        plot_, plot_, [this] { return csv(); }, QStringLiteral("pareto"));
    setSelectionModel(new QItemSelectionModel(model_, this));
    rebuild();
}

ParetoPlot::~ParetoPlot() = default; // TargetMarker is complete here

void ParetoPlot::setSelectionModel(QItemSelectionModel* selection) {
    if (selection_) {
        disconnect(selection_, nullptr, this, nullptr);
        if (selection_->parent() == this && selection_ != selection)
            selection_->deleteLater();
    }
    selection_ = selection;
    if (selection_) {
        connect(selection_, &QItemSelectionModel::selectionChanged, this,
                &ParetoPlot::onSelectionChanged);
        connect(selection_, &QItemSelectionModel::currentChanged, this,
                &ParetoPlot::onSelectionChanged);
    }
    onSelectionChanged();
}

void ParetoPlot::addSamples(const dnas::SampleSet& set) {
    model_->addSamples(set);
    if (!set.cost_unit.empty())
        setCostUnit(QString::fromStdString(set.cost_unit));
    rebuild();
}

void ParetoPlot::setCostUnit(const QString& unit) {
    plot_->xAxis->setLabel(unit.isEmpty() ? tr("cost")
                                          : tr("cost (%1)").arg(NumberFormat::unit(unit)));
    target_->setUnit(unit);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void ParetoPlot::setTarget(std::optional<double> cost, double tolerance) {
    // Called on every study change: an unchanged target costs nothing.
    if (cost == ownTarget_ && (!cost || tolerance == ownTolerance_))
        return;
    ownTarget_ = cost;
    ownTolerance_ = tolerance;
    // Overlaid runs each have their own target (a sweep's): the own run's band is not theirs.
    target_->set(overlays_.empty() ? cost : std::nullopt, tolerance);
    fitAxes();
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void ParetoPlot::setRetrained(std::optional<double> cost, std::optional<double> accuracy) {
    retrainedMark_->data()->clear();
    if (cost && accuracy)
        retrainedMark_->addData(*cost, *accuracy * kPercent);
    applyOverlayMode(); // the axis label says what a star is
    fitAxes();
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void ParetoPlot::clear() {
    retrainedMark_->data()->clear();
    applyOverlayMode();
    model_->clear();
    selectedRow_ = -1;
    front_.clear();
    followData_ = true;
    rebuild();
}

QString ParetoPlot::selectedArchitecture() const {
    return selectedRow_ < 0 ? QString() : QString::fromStdString(model_->sample(selectedRow_).arch);
}

QModelIndex ParetoPlot::selectionIndex(int row) const {
    if (!selection_ || row < 0 || row >= model_->rowCount())
        return {};
    return ProxyChain::fromSource(selection_->model(), model_->index(row, 0));
}

int ParetoPlot::modelRow(const QModelIndex& index) const {
    const QModelIndex idx = ProxyChain::toSource(index, model_);
    return idx.isValid() ? idx.row() : -1;
}

void ParetoPlot::selectRow(int row) {
    if (!selection_)
        return;
    if (row < 0 || row >= model_->rowCount()) {
        selection_->clearSelection();
        return;
    }
    QModelIndex idx = selectionIndex(row);
    if (!idx.isValid()) {
        // A filter in the table hides this point; a click must still select it, so the
        // filter goes (the table notices and clears its filter field).
        ProxyChain::clearFilters(selection_->model(), model_);
        idx = selectionIndex(row);
    }
    if (idx.isValid())
        selection_->setCurrentIndex(idx, QItemSelectionModel::ClearAndSelect |
                                             QItemSelectionModel::Rows);
}

void ParetoPlot::onSelectionChanged() {
    int row = -1;
    if (selection_) {
        const QModelIndex current = selection_->currentIndex();
        if (current.isValid() && selection_->isSelected(current)) {
            row = modelRow(current);
        } else {
            const QModelIndexList rows = selection_->selectedIndexes();
            if (!rows.isEmpty())
                row = modelRow(rows.first());
        }
    }
    if (row == selectedRow_)
        return;
    selectedRow_ = row;
    drawSelection();
    if (row >= 0) {
        emit sampleSelected(row);
        emit architectureSelected(selectedArchitecture());
    }
}

void ParetoPlot::drawSelection() {
    selectionMark_->data()->clear();
    if (selectedRow_ >= 0) {
        const auto& s = model_->sample(selectedRow_);
        selectionMark_->addData(s.cost, s.accuracy * kPercent);
    }
    plot_->layer(kSelectionLayer)->replot();
}

void ParetoPlot::rebuild() {
    const auto& pts = model_->samples();
    front_ = dnas::paretoFront(pts);
    model_->setFront(front_);
    std::vector<bool> isFront(pts.size(), false);
    for (size_t i : front_)
        isFront[i] = true;

    int minEpoch = 0, maxEpoch = 0;
    if (!pts.empty()) {
        const auto [lo, hi] = std::minmax_element(
            pts.begin(), pts.end(), [](const auto& a, const auto& b) { return a.epoch < b.epoch; });
        minEpoch = lo->epoch;
        maxEpoch = hi->epoch;
    }
    const int span = maxEpoch - minEpoch + 1;
    const int buckets = std::min(kEpochBuckets, span);
    auto bucketOf = [&](int epoch) {
        return std::min(buckets - 1, (epoch - minEpoch) * buckets / span);
    };
    // Sorted by cost once, so every graph gets its data already in key order.
    std::vector<size_t> order(pts.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return pts[a].cost < pts[b].cost; });
    std::vector<QVector<double>> dx(kEpochBuckets), dy(kEpochBuckets), fx(kEpochBuckets),
        fy(kEpochBuckets);
    for (size_t i : order) {
        const int b = bucketOf(pts[i].epoch);
        (isFront[i] ? fx : dx)[static_cast<size_t>(b)] << pts[i].cost;
        (isFront[i] ? fy : dy)[static_cast<size_t>(b)] << pts[i].accuracy * kPercent;
    }
    for (int b = 0; b < kEpochBuckets; ++b) {
        const size_t k = static_cast<size_t>(b);
        // Colour of the bucket's middle epoch on the same scale the colour bar shows.
        const double mid = minEpoch + (b + 0.5) * span / buckets - 0.5;
        const QColor c = PlotPalette::viridisAt(
            maxEpoch > minEpoch ? (mid - minEpoch) / (maxEpoch - minEpoch) : 0.0);
        dominated_[k]->setScatterStyle(
            PlotPalette::disc(PlotPalette::faded(c, kDominatedAlpha), Qt::transparent, kPointSize));
        onFront_[k]->setScatterStyle(PlotPalette::disc(c, Qt::black, kFrontPointSize));
        dominated_[k]->setData(dx[k], dy[k], true);
        onFront_[k]->setData(fx[k], fy[k], true);
    }
    QVector<double> lx, ly;
    for (size_t i : front_) {
        lx << pts[i].cost;
        ly << pts[i].accuracy * kPercent;
    }
    frontLine_->setData(lx, ly, true);
    scale_->setDataRange(QCPRange(minEpoch, std::max(maxEpoch, minEpoch + 1)));
    fitAxes();
    drawSelection();
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void ParetoPlot::fitAxes() {
    if (!followData_)
        return;
    if (!model_->samples().empty() || !overlays_.empty()) {
        plot_->rescaleAxes(true);
        for (QCPAxis* a : {plot_->xAxis, plot_->yAxis}) {
            QCPRange r = a->range();
            if (a == plot_->xAxis)
                target_->expand(r); // a target off the samples stays in view
            const double pad = std::max(r.size() * kParetoMargin, kMinAxisPad);
            a->setRange(r.lower - pad, r.upper + pad);
        }
    } else if (target_->isVisible()) {
        // No samples yet: the cost axis frames the target band, so the goal shows from the start.
        QCPRange r(*target_->cost(), *target_->cost());
        target_->expand(r);
        const double pad = std::max(r.size() * kParetoMargin, kMinAxisPad);
        plot_->xAxis->setRange(r.lower - pad, r.upper + pad);
    }
}

int ParetoPlot::rowAt(const QPointF& pixel) const {
    const auto& pts = model_->samples();
    int best = -1;
    double bestD2 = kPickRadiusPx * kPickRadiusPx;
    for (size_t i = 0; i < pts.size(); ++i) {
        const double dx = plot_->xAxis->coordToPixel(pts[i].cost) - pixel.x();
        const double dy = plot_->yAxis->coordToPixel(pts[i].accuracy * kPercent) - pixel.y();
        const double d2 = dx * dx + dy * dy;
        if (d2 <= bestD2) {
            bestD2 = d2;
            best = static_cast<int>(i);
        }
    }
    return best;
}

QString ParetoPlot::tooltipText(int row) const {
    if (row < 0 || row >= model_->rowCount())
        return {};
    const auto& s = model_->sample(row);
    return tr("%1\naccuracy %2 %, cost %3 %4\nMACs %5 M, params %6 M, epoch %7%8")
        .arg(QString::fromStdString(s.arch))
        .arg(s.accuracy * kPercent, 0, 'f', 2)
        .arg(s.cost, 0, 'f', 1)
        .arg(model_->costUnit())
        .arg(s.macs / 1e6, 0, 'f', 1)
        .arg(s.params / 1e6, 0, 'f', 2)
        .arg(s.epoch)
        .arg(model_->isOnFront(row) ? tr(", on the Pareto front") : QString());
}

void ParetoPlot::onMouseMove(QMouseEvent* event) {
    if (event->buttons() & Qt::LeftButton)
        followData_ = false; // a drag pans
    if (!overlays_.empty())
        return; // the own points are hidden: nothing to hover
    const QString text = tooltipText(rowAt(event->position()));
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, plot_);
}

void ParetoPlot::onMousePress(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton || !overlays_.empty())
        return;
    const int row = rowAt(event->position());
    if (row >= 0)
        selectRow(row);
}

CsvTable ParetoPlot::csv() const {
    CsvTable t;
    t.header = {"row",  "epoch",  "arch",     "accuracy",  "cost",    "cost_unit",
                "macs", "params", "log_prob", "is_argmax", "on_front"};
    const auto& pts = model_->samples();
    for (size_t i = 0; i < pts.size(); ++i) {
        const auto& s = pts[i];
        t.addRow({QString::number(i), QString::number(s.epoch), QString::fromStdString(s.arch),
                  CsvTable::number(s.accuracy), CsvTable::number(s.cost), model_->costUnit(),
                  CsvTable::number(s.macs), CsvTable::number(s.params),
                  CsvTable::number(s.log_prob), s.is_argmax ? "1" : "0",
                  model_->isOnFront(static_cast<int>(i)) ? "1" : "0"});
    }
    return t;
}

} // namespace dnas::ui

namespace dnas::ui {

void ParetoPlot::setOverlays(const std::vector<RunSeries>& runs) {
    for (const OverlayGraphs& o : overlays_)
        for (QCPGraph* g : {o.points, o.front, o.delivered, o.retrained})
            plot_->removeGraph(g);
    overlays_.clear();
    plot_->legend->clearItems();
    for (const RunSeries& run : runs) {
        auto graph = [&](const QCPScatterStyle& style) {
            QCPGraph* g = plot_->addGraph();
            g->setLineStyle(QCPGraph::lsNone);
            g->setScatterStyle(style);
            g->removeFromLegend();
            return g;
        };
        OverlayGraphs o;
        o.points = graph(PlotPalette::disc(PlotPalette::faded(run.colour, kOverlayPointAlpha),
                                           Qt::transparent, kPointSize));
        o.front = graph(PlotPalette::disc(run.colour, Qt::black, kFrontPointSize));
        o.front->setLineStyle(QCPGraph::lsStepLeft); // as the own front line
        o.front->setPen(QPen(run.colour, kFrontLineWidth));
        o.front->setName(run.name);
        o.front->addToLegend();
        o.delivered =
            graph(QCPScatterStyle(QCPScatterStyle::ssDiamond, QPen(Qt::black, kOverlayEdgeWidth),
                                  run.colour, kOverlayMarkSize));
        o.retrained =
            graph(QCPScatterStyle(QCPScatterStyle::ssStar, QPen(run.colour, kSelectionPenWidth),
                                  Qt::NoBrush, kOverlayMarkSize));

        std::vector<size_t> order(run.samples.size());
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
            return run.samples[a].cost < run.samples[b].cost;
        });
        QVector<double> x, y;
        for (size_t i : order) {
            x << run.samples[i].cost;
            y << run.samples[i].accuracy * kPercent;
        }
        o.points->setData(x, y, true);
        x.clear();
        y.clear();
        for (size_t i : dnas::paretoFront(run.samples)) {
            x << run.samples[i].cost;
            y << run.samples[i].accuracy * kPercent;
        }
        o.front->setData(x, y, true);
        if (run.delivered) {
            o.delivered->addData(run.delivered->cost, run.delivered->accuracy * kPercent);
            if (run.retrainedAccuracy)
                o.retrained->addData(run.delivered->cost, *run.retrainedAccuracy * kPercent);
        }
        if (!run.costUnit.isEmpty())
            setCostUnit(run.costUnit);
        overlays_.push_back(o);
    }
    if (!overlays_.empty()) {
        keyDelivered_->addToLegend();
        keyRetrained_->addToLegend();
    }
    applyOverlayMode();
    fitAxes();
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void ParetoPlot::applyOverlayMode() {
    const bool overlay = !overlays_.empty();
    frontLine_->setVisible(!overlay);
    retrainedMark_->setVisible(!overlay);
    selectionMark_->setVisible(!overlay);
    for (auto* list : {&dominated_, &onFront_})
        for (QCPGraph* g : *list)
            g->setVisible(!overlay);
    plot_->legend->setVisible(overlay);
    target_->set(overlay ? std::nullopt : ownTarget_, ownTolerance_);
    const bool stars = overlay || !retrainedMark_->data()->isEmpty();
    plot_->yAxis->setLabel(stars ? tr(kOverlayLabel) : tr(kOneShotLabel));
    // The epoch colour bar means nothing for runs coloured by run: out of the layout, so the
    // plot takes its width.
    const bool scaleShown = plot_->plotLayout()->hasElement(0, 1);
    if (overlay && scaleShown) {
        plot_->plotLayout()->take(scale_);
        plot_->plotLayout()->simplify();
        scale_->setVisible(false);
    } else if (!overlay && !scaleShown) {
        plot_->plotLayout()->addElement(0, 1, scale_);
        scale_->setVisible(true);
    }
    plot_->layer(kSelectionLayer)->replot();
}

} // namespace dnas::ui
