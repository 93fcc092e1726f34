// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/CurvesPlot.h"

#include "ui/plots/PlotExport.h"
#include "ui/plots/PlotPalette.h"
#include "ui/plots/TargetMarker.h"
#include "ui/util/NumberFormat.h"
#include "ui/util/Units.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <iterator>
#include <qcustomplot.h>

namespace dnas::ui {

namespace {
constexpr int kPanels = 4;
enum Panel { kLossPanel, kAccuracyPanel, kCostPanel, kTemperaturePanel };
// How visible the raw per-step values stay behind their smoothed line.
constexpr double kRawAlpha = 0.3;
// Slider steps: alpha = value / kSmoothingSteps, capped below 1 so the EMA still moves.
constexpr int kSmoothingSteps = 100;
constexpr int kSmoothingMax = 99;
// Default smoothing: steps are noisy batch values.
constexpr int kSmoothingDefault = 60;
constexpr double kMarkerSize = 5.0;
// Room above and below the data, as a fraction of its span, so curves do not hug the frame.
constexpr double kCurvesMargin = 0.05;
// Thin (cosmetic) lines: the raster engine's fast path; 1.5 px made a replot 4x slower.
constexpr double kLineWidth = 1.0;
// Legends sit inside their panel: translucent, so data under them still shows.
const QColor kLegendBackground(255, 255, 255, 200);
// Legend items of hidden series are greyed, so they can be clicked back on.
const QColor kHiddenLegendText(160, 160, 160);
// Overlaid runs: entropy shares the temperature panel on the right axis, dashed to tell it apart.
constexpr double kOverlayLineWidth = 1.5;
const char* const kImagesPerSLabel = QT_TRANSLATE_NOOP("CurvesPlot", "images/s");
const char* const kEntropyLabel = QT_TRANSLATE_NOOP("CurvesPlot", "mean entropy (nats)");
} // namespace

CurvesPlot::CurvesPlot(QWidget* parent) : QWidget(parent) {
    plot_ = new QCustomPlot(this);
    plot_->plotLayout()->clear();
    auto* margins = new QCPMarginGroup(plot_);
    const QStringList labels = {tr("loss"), tr("accuracy (%)"), tr("expected cost"),
                                tr("temperature")};
    for (int p = 0; p < kPanels; ++p) {
        auto* r = new QCPAxisRect(plot_);
        rects_[static_cast<size_t>(p)] = r;
        plot_->plotLayout()->addElement(p, 0, r);
        r->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
        r->axis(QCPAxis::atLeft)->setLabel(labels[p]);
        r->axis(QCPAxis::atBottom)->setTickLabels(p == kPanels - 1);
        auto* legend = new QCPLegend;
        r->insetLayout()->addElement(legend, Qt::AlignTop | Qt::AlignRight);
        legend->setLayer(QStringLiteral("legend"));
        legend->setBrush(kLegendBackground);
        legend->setSelectableParts(QCPLegend::spItems);
        legends_[static_cast<size_t>(p)] = legend;
        // One epoch axis for all panels: panning or zooming one moves them all.
        connect(r->axis(QCPAxis::atBottom), QOverload<const QCPRange&>::of(&QCPAxis::rangeChanged),
                this, [this](const QCPRange& range) {
                    for (QCPAxisRect* other : rects_)
                        if (other)
                            other->axis(QCPAxis::atBottom)->setRange(range);
                });
    }
    rects_[kTemperaturePanel]->axis(QCPAxis::atBottom)->setLabel(tr("epoch"));
    rects_[kTemperaturePanel]->axis(QCPAxis::atRight)->setVisible(true);
    rects_[kTemperaturePanel]->axis(QCPAxis::atRight)->setLabel(tr(kImagesPerSLabel));

    makeGraph(kLossPanel, Series::StepLoss, tr("step loss"), 0, false);
    makeGraph(kLossPanel, Series::TrainLoss, tr("train loss"), 1, true);
    makeGraph(kLossPanel, Series::ValLoss, tr("val loss"), 2, true);
    makeGraph(kAccuracyPanel, Series::StepAccuracy, tr("step accuracy"), 0, false);
    makeGraph(kAccuracyPanel, Series::TrainAccuracy, tr("train accuracy"), 1, true);
    makeGraph(kAccuracyPanel, Series::ValAccuracy, tr("val accuracy"), 2, true);
    makeGraph(kCostPanel, Series::StepCost, tr("step expected cost"), 0, false);
    makeGraph(kCostPanel, Series::EpochCost, tr("epoch expected cost"), 1, true);
    makeGraph(kTemperaturePanel, Series::Temperature, tr("temperature τ"), 3, true);
    makeGraph(kTemperaturePanel, Series::ImagesPerS, tr("images/s"), 4, true, true);

    target_ = std::make_unique<TargetMarker>(plot_, rects_[kCostPanel],
                                             TargetMarker::Orientation::Horizontal);

    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom | QCP::iSelectLegend);
    connect(plot_, &QCustomPlot::legendClick, this,
            [this](QCPLegend*, QCPAbstractLegendItem* item, QMouseEvent*) {
                auto* pli = qobject_cast<QCPPlottableLegendItem*>(item);
                for (int s = 0; pli && s < kSeriesCount; ++s)
                    if (graphs_[static_cast<size_t>(s)] == pli->plottable())
                        setSeriesVisible(static_cast<Series>(s),
                                         !isSeriesVisible(static_cast<Series>(s)));
                if (item)
                    item->setSelected(false); // a click toggles, it does not select
            });
    connect(plot_, &QCustomPlot::mouseWheel, this, [this] { followData_ = false; });
    connect(plot_, &QCustomPlot::mouseMove, this, [this](QMouseEvent* e) {
        if (e->buttons() & Qt::LeftButton)
            followData_ = false;
    });
    connect(plot_, &QCustomPlot::mouseDoubleClick, this, [this] {
        followData_ = true;
        fitToData();
        plot_->replot(QCustomPlot::rpQueuedReplot);
    });

    smoothingSlider_ = new QSlider(Qt::Horizontal, this);
    smoothingSlider_->setRange(0, kSmoothingMax);
    smoothingLabel_ = new QLabel(this);
    connect(smoothingSlider_, &QSlider::valueChanged, this,
            [this](int v) { setSmoothing(static_cast<double>(v) / kSmoothingSteps); });
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Smoothing:"), this));
    controls->addWidget(smoothingSlider_, 1);
    controls->addWidget(smoothingLabel_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_, 1);
    layout->addLayout(controls);
    PlotExport::installContextMenu(
        plot_, plot_, [this] { return csv(); }, QStringLiteral("curves"));
    smoothingSlider_->setValue(kSmoothingDefault);
}

CurvesPlot::~CurvesPlot() = default; // TargetMarker is complete here

QCPGraph* CurvesPlot::makeGraph(int panel, Series s, const QString& name, int colour, bool markers,
                                bool rightAxis) {
    QCPAxisRect* r = rects_[static_cast<size_t>(panel)];
    QCPAxis* y = r->axis(rightAxis ? QCPAxis::atRight : QCPAxis::atLeft);
    const QColor c = PlotPalette::series(colour);
    if (!markers) { // per-step series: the raw values, faded, behind the smoothed line
        QCPGraph* raw = plot_->addGraph(r->axis(QCPAxis::atBottom), y);
        raw->setPen(QPen(PlotPalette::tint(c, kRawAlpha), 1));
        // Thousands of noisy segments: antialiasing them costs most of a replot and the faded
        // backdrop does not need it.
        raw->setAntialiased(false);
        raw->removeFromLegend();
        raw_[static_cast<size_t>(index(s))] = raw;
    }
    QCPGraph* g = plot_->addGraph(r->axis(QCPAxis::atBottom), y);
    panelOf_[static_cast<size_t>(index(s))] = panel;
    shown_[static_cast<size_t>(index(s))] = true;
    g->setName(name);
    g->setPen(QPen(c, kLineWidth));
    if (markers)
        g->setScatterStyle(PlotPalette::disc(c, Qt::transparent, kMarkerSize));
    g->removeFromLegend();
    legends_[static_cast<size_t>(panel)]->addItem(
        new QCPPlottableLegendItem(legends_[static_cast<size_t>(panel)], g));
    graphs_[static_cast<size_t>(index(s))] = g;
    return g;
}

double CurvesPlot::stepValue(Series s, const dnas::StepMetrics& m) {
    switch (s) {
    case Series::StepLoss:
        return m.loss;
    case Series::StepAccuracy:
        return m.accuracy * kPercent;
    default:
        return m.expected_cost;
    }
}

void CurvesPlot::addSteps(const std::vector<dnas::StepMetrics>& all) {
    // The finalists' fine-tunes come after the last epoch and train nets of their own: not
    // points of the search's curves.
    std::vector<dnas::StepMetrics> steps;
    std::copy_if(all.begin(), all.end(), std::back_inserter(steps),
                 [](const auto& m) { return m.phase != dnas::StepPhase::Finalists; });
    if (steps.empty())
        return;
    const std::array<Series, 3> stepSeries{Series::StepLoss, Series::StepAccuracy,
                                           Series::StepCost};
    for (size_t k = 0; k < stepSeries.size(); ++k) {
        QVector<double> x, raw, smooth;
        x.reserve(static_cast<int>(steps.size()));
        double ema = ema_[k];
        bool first = log_.steps().empty();
        for (const auto& m : steps) {
            const double v = stepValue(stepSeries[k], m);
            ema = first ? v : alpha_ * ema + (1.0 - alpha_) * v;
            first = false;
            x << stepPosition(m);
            raw << v;
            smooth << ema;
        }
        ema_[k] = ema;
        // Steps arrive in order, so the data need no sorting: one batch append per series.
        raw_[static_cast<size_t>(index(stepSeries[k]))]->addData(x, raw, true);
        graphs_[static_cast<size_t>(index(stepSeries[k]))]->addData(x, smooth, true);
    }
    log_.addSteps(steps);
    fitToData();
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void CurvesPlot::addEpoch(const dnas::EpochMetrics& m) {
    const double x = TrainingLog::epochPosition(m);
    auto add = [&](Series s, double v) { graphs_[static_cast<size_t>(index(s))]->addData(x, v); };
    add(Series::TrainLoss, m.train_loss);
    add(Series::TrainAccuracy, m.train_accuracy * kPercent);
    if (!m.warmup) { // warm-up epochs run no θ pass, so they have no held-out figures
        add(Series::ValLoss, m.val_loss);
        add(Series::ValAccuracy, m.val_accuracy * kPercent);
    }
    add(Series::EpochCost, m.expected_cost);
    add(Series::Temperature, m.temperature);
    add(Series::ImagesPerS, m.images_per_s);
    log_.addEpoch(m);
    fitToData();
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void CurvesPlot::clear() {
    for (QCPGraph* g : graphs_)
        g->data()->clear();
    for (QCPGraph* g : raw_)
        if (g)
            g->data()->clear();
    log_.clear();
    ema_ = {};
    followData_ = true;
    fitToData();
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void CurvesPlot::setCostUnit(const QString& unit) {
    target_->setUnit(unit);
    rects_[kCostPanel]
        ->axis(QCPAxis::atLeft)
        ->setLabel(unit.isEmpty() ? tr("expected cost")
                                  : tr("expected cost (%1)").arg(NumberFormat::unit(unit)));
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void CurvesPlot::setTarget(std::optional<double> cost, double tolerance) {
    // Called on every study change: an unchanged target costs nothing.
    if (cost == ownTarget_ && (!cost || tolerance == ownTolerance_))
        return;
    ownTarget_ = cost;
    ownTolerance_ = tolerance;
    // Overlaid runs each have their own target (a sweep's): the own run's line is not theirs.
    target_->set(overlays_.empty() ? cost : std::nullopt, tolerance);
    fitToData();
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void CurvesPlot::setSmoothing(double alpha) {
    alpha_ = std::clamp(alpha, 0.0, static_cast<double>(kSmoothingMax) / kSmoothingSteps);
    smoothingLabel_->setText(QString::number(alpha_, 'f', 2));
    const int v = static_cast<int>(std::lround(alpha_ * kSmoothingSteps));
    if (smoothingSlider_->value() != v) {
        const QSignalBlocker block(smoothingSlider_);
        smoothingSlider_->setValue(v);
    }
    rebuildSmoothed();
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void CurvesPlot::rebuildSmoothed() {
    const std::array<Series, 3> stepSeries{Series::StepLoss, Series::StepAccuracy,
                                           Series::StepCost};
    for (size_t k = 0; k < stepSeries.size(); ++k) {
        QVector<double> x, smooth;
        double ema = 0.0;
        const auto& steps = log_.steps();
        for (size_t i = 0; i < steps.size(); ++i) {
            const double v = stepValue(stepSeries[k], steps[i]);
            ema = i == 0 ? v : alpha_ * ema + (1.0 - alpha_) * v;
            x << stepPosition(steps[i]);
            smooth << ema;
        }
        ema_[k] = ema;
        graphs_[static_cast<size_t>(index(stepSeries[k]))]->setData(x, smooth, true);
    }
}

void CurvesPlot::setSeriesVisible(Series s, bool visible) {
    shown_[static_cast<size_t>(index(s))] = visible;
    applyVisibility();
    QCPGraph* g = graphs_[static_cast<size_t>(index(s))];
    for (QCPLegend* legend : legends_)
        if (QCPPlottableLegendItem* item = legend->itemWithPlottable(g))
            item->setTextColor(visible ? Qt::black : kHiddenLegendText);
    fitToData();
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

bool CurvesPlot::isSeriesVisible(Series s) const {
    return shown_[static_cast<size_t>(index(s))];
}

void CurvesPlot::applyVisibility() {
    for (int s = 0; s < kSeriesCount; ++s) {
        const bool v = shown_[static_cast<size_t>(s)] && overlays_.empty();
        graphs_[static_cast<size_t>(s)]->setVisible(v);
        if (QCPGraph* raw = raw_[static_cast<size_t>(s)])
            raw->setVisible(v);
    }
}

void CurvesPlot::setOverlays(const std::vector<RunSeries>& runs) {
    for (const auto& graphs : overlays_)
        for (QCPGraph* g : graphs)
            plot_->removeGraph(g);
    overlays_.clear();
    overlayTargets_.clear(); // removes their items from the plot
    overlayEnd_ = 0.0;
    using C = OverlayCurve;
    const std::array<int, kOverlayCurveCount> panelOf{kLossPanel, kAccuracyPanel, kCostPanel,
                                                      kTemperaturePanel, kTemperaturePanel};
    for (const RunSeries& run : runs) {
        std::array<QCPGraph*, kOverlayCurveCount> graphs{};
        for (int c = 0; c < kOverlayCurveCount; ++c) {
            QCPAxisRect* r = rects_[static_cast<size_t>(panelOf[static_cast<size_t>(c)])];
            const bool entropy = static_cast<C>(c) == C::Entropy;
            QCPGraph* g = plot_->addGraph(r->axis(QCPAxis::atBottom),
                                          r->axis(entropy ? QCPAxis::atRight : QCPAxis::atLeft));
            g->setName(run.name);
            g->setPen(QPen(run.colour, kOverlayLineWidth, entropy ? Qt::DashLine : Qt::SolidLine));
            if (!entropy)
                g->setScatterStyle(PlotPalette::disc(run.colour, Qt::transparent, kMarkerSize));
            g->removeFromLegend();
            graphs[static_cast<size_t>(c)] = g;
        }
        auto add = [&](C c, double x, double v) { graphs[static_cast<size_t>(c)]->addData(x, v); };
        for (const auto& m : run.epochs) {
            const double x = TrainingLog::epochPosition(m);
            overlayEnd_ = std::max(overlayEnd_, x);
            add(C::TrainLoss, x, m.train_loss);
            if (!m.warmup) // as in the own series: warm-up epochs have no held-out figures
                add(C::ValAccuracy, x, m.val_accuracy * kPercent);
            add(C::EpochCost, x, m.expected_cost);
            add(C::Temperature, x, m.temperature);
            if (!m.layers.empty())
                add(C::Entropy, x, m.meanEntropy());
        }
        overlays_.push_back(graphs);
        std::unique_ptr<TargetMarker> target;
        if (run.target) {
            target = std::make_unique<TargetMarker>(plot_, rects_[kCostPanel],
                                                    TargetMarker::Orientation::Horizontal);
            target->setColour(run.colour);
            target->setName(run.name);
            target->setUnit(run.costUnit);
            target->set(run.target, run.targetTolerance);
        }
        overlayTargets_.push_back(std::move(target));
    }
    target_->set(overlays_.empty() ? ownTarget_ : std::nullopt, ownTolerance_);
    applyVisibility();
    rects_[kTemperaturePanel]
        ->axis(QCPAxis::atRight)
        ->setLabel(overlays_.empty() ? tr(kImagesPerSLabel) : tr(kEntropyLabel));
    // Overlays draw one curve per panel: the label says which.
    rects_[kLossPanel]
        ->axis(QCPAxis::atLeft)
        ->setLabel(overlays_.empty() ? tr("loss") : tr("train loss"));
    rects_[kAccuracyPanel]
        ->axis(QCPAxis::atLeft)
        ->setLabel(overlays_.empty() ? tr("accuracy (%)") : tr("val accuracy (%)"));
    rebuildLegends();
    fitToData();
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

QCPGraph* CurvesPlot::overlayGraph(int run, OverlayCurve c) const {
    if (run < 0 || run >= overlayCount())
        return nullptr;
    return overlays_[static_cast<size_t>(run)][static_cast<size_t>(c)];
}

const TargetMarker* CurvesPlot::overlayTarget(int run) const {
    if (run < 0 || run >= overlayCount())
        return nullptr;
    return overlayTargets_[static_cast<size_t>(run)].get();
}

void CurvesPlot::rebuildLegends() {
    for (int p = 0; p < kPanels; ++p) {
        QCPLegend* legend = legends_[static_cast<size_t>(p)];
        legend->clearItems();
        if (overlays_.empty()) {
            legend->setVisible(true);
            for (int s = 0; s < kSeriesCount; ++s) {
                if (panelOf_[static_cast<size_t>(s)] != p)
                    continue;
                auto* item = new QCPPlottableLegendItem(legend, graphs_[static_cast<size_t>(s)]);
                item->setTextColor(shown_[static_cast<size_t>(s)] ? Qt::black : kHiddenLegendText);
                legend->addItem(item);
            }
            continue;
        }
        // One legend, in the top panel, one entry per run naming it: a run has one colour in
        // every panel, and four copies of the legend would cover the curves.
        legend->setVisible(p == kLossPanel);
        if (p == kLossPanel)
            for (const auto& graphs : overlays_)
                legend->addItem(new QCPPlottableLegendItem(
                    legend, graphs[static_cast<size_t>(OverlayCurve::TrainLoss)]));
    }
}

int CurvesPlot::pointCount(Series s) const {
    return graphs_[static_cast<size_t>(index(s))]->dataCount();
}

QCPGraph* CurvesPlot::graph(Series s) const {
    return graphs_[static_cast<size_t>(index(s))];
}
QCPGraph* CurvesPlot::rawGraph(Series s) const {
    return raw_[static_cast<size_t>(index(s))];
}

void CurvesPlot::fitToData() {
    if (!followData_)
        return;
    const double end = overlays_.empty() ? log_.lastPosition() : overlayEnd_;
    rects_[0]->axis(QCPAxis::atBottom)->setRange(0.0, end); // others follow
    for (QCPAxisRect* r : rects_)
        for (QCPAxis* y : {r->axis(QCPAxis::atLeft), r->axis(QCPAxis::atRight)}) {
            y->rescale(true);
            QCPRange range = y->range();
            if (r == rects_[kCostPanel] && y->axisType() == QCPAxis::atLeft) {
                target_->expand(range); // the band stays in view
                for (const auto& t : overlayTargets_)
                    if (t)
                        t->expand(range);
            }
            const double pad = range.size() * kCurvesMargin;
            y->setRange(range.lower - pad, range.upper + pad);
        }
}

} // namespace dnas::ui
