// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/ProbabilityHeatmap.h"

#include "engine/cost/LatencyTable.h"
#include "engine/search/SearchTypes.h"
#include "engine/space/SearchSpace.h"
#include "ui/plots/PlotExport.h"
#include "ui/plots/PlotPalette.h"
#include "ui/util/Units.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>
#include <qcustomplot.h>

namespace dnas::ui {

namespace {
// Half a cell: cells are centred on integer coordinates.
constexpr double kHalfCell = 0.5;
// Width of the entropy panel beside the heatmap, in pixels.
constexpr int kEntropyPanelMin = 80;
constexpr int kEntropyPanelMax = 150;
// Bars leave a gap between layers so adjacent ones stay distinguishable.
constexpr double kEntropyBarWidth = 0.7;
// Head-room above the largest entropy on the entropy axis.
constexpr double kEntropyHeadroom = 1.05;
// Keeps the entropy axis open when every layer has converged (entropy 0).
constexpr double kMinEntropyAxis = 1e-3;
// Op names are long (k5_e1_g2); tilting them keeps 9+ columns legible on a narrow panel.
constexpr double kOpLabelRotation = -30.0;
// Argmax marker diameter in pixels: visible inside a cell of a 22-layer map on a laptop.
constexpr double kArgmaxMarkerSize = 13.0;

// 1 − H / ln K: 0 for a uniform layer, 1 for a one-hot one, comparable across layers with
// different numbers of candidates (raw entropy is not). A single candidate is decided.
double decidednessOf(double entropy, size_t offered) {
    if (offered < 2)
        return 1.0;
    return std::clamp(1.0 - entropy / std::log(static_cast<double>(offered)), 0.0, 1.0);
}
} // namespace

ProbabilityHeatmap::ProbabilityHeatmap(QWidget* parent) : QWidget(parent) {
    plot_ = new QCustomPlot(this);
    heatRect_ = plot_->axisRect();
    entropyRect_ = new QCPAxisRect(plot_);
    scale_ = new QCPColorScale(plot_);
    plot_->plotLayout()->addElement(0, 1, entropyRect_);
    plot_->plotLayout()->addElement(0, 2, scale_);
    entropyRect_->setMinimumSize(kEntropyPanelMin, 0);
    entropyRect_->setMaximumSize(kEntropyPanelMax, QWIDGETSIZE_MAX);
    auto* margins = new QCPMarginGroup(plot_);
    heatRect_->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
    entropyRect_->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
    scale_->setMarginGroup(QCP::msTop | QCP::msBottom, margins);

    map_ = new QCPColorMap(heatRect_->axis(QCPAxis::atBottom), heatRect_->axis(QCPAxis::atLeft));
    map_->setInterpolate(false);
    map_->setColorScale(scale_); // the map takes the scale's gradient: set it on the scale
    scale_->setGradient(PlotPalette::viridis());
    map_->setDataRange(QCPRange(0.0, 1.0)); // fixed, so scrubbing compares like with like
    scale_->setLabel(tr("probability"));

    argmax_ = plot_->addGraph(heatRect_->axis(QCPAxis::atBottom), heatRect_->axis(QCPAxis::atLeft));
    argmax_->setLineStyle(QCPGraph::lsNone);
    argmax_->setScatterStyle(PlotPalette::ring(kArgmaxMarkerSize));

    entropyBars_ =
        new QCPBars(entropyRect_->axis(QCPAxis::atLeft), entropyRect_->axis(QCPAxis::atBottom));
    entropyBars_->setWidth(kEntropyBarWidth);
    entropyBars_->setPen(Qt::NoPen);
    entropyBars_->setBrush(PlotPalette::series(0));

    heatRect_->axis(QCPAxis::atBottom)->setLabel(tr("op"));
    heatRect_->axis(QCPAxis::atBottom)->setTickLabelRotation(kOpLabelRotation);
    heatRect_->axis(QCPAxis::atLeft)->setLabel(tr("layer"));
    heatRect_->axis(QCPAxis::atLeft)->setRangeReversed(true); // layer 0 on top, as in the space
    entropyRect_->axis(QCPAxis::atLeft)->setRangeReversed(true);
    entropyRect_->axis(QCPAxis::atLeft)->setTickLabels(false);
    entropyRect_->axis(QCPAxis::atBottom)->setLabel(tr("entropy (nats)"));
    for (QCPAxisRect* r : {heatRect_, entropyRect_})
        r->setupFullAxesBox(false);
    // Decidedness per layer as a text column right of the entropy bars.
    QCPAxis* decided = entropyRect_->axis(QCPAxis::atRight);
    decided->setRangeReversed(true);
    decided->setTickLabels(true);
    decided->setLabel(tr("decided"));
    plot_->setMouseTracking(true);
    connect(plot_, &QCustomPlot::mouseMove, this, &ProbabilityHeatmap::onMouseMove);

    slider_ = new QSlider(Qt::Horizontal, this);
    slider_->setEnabled(false);
    epochLabel_ = new QLabel(tr("no epochs yet"), this);
    connect(slider_, &QSlider::valueChanged, this, [this](int) {
        redraw();
        emit selectedEpochChanged(selectedEpoch());
    });

    auto* bottom = new QHBoxLayout;
    bottom->addWidget(new QLabel(tr("Epoch:"), this));
    bottom->addWidget(slider_, 1);
    bottom->addWidget(epochLabel_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_, 1);
    layout->addLayout(bottom);
    PlotExport::installContextMenu(
        plot_, plot_, [this] { return csv(); }, QStringLiteral("probabilities"));
    redraw();
}

void ProbabilityHeatmap::setSpace(const dnas::SearchSpace& space) {
    history_.setColumnOrder(space);
    layerLabels_.clear();
    for (size_t i = 0; i < space.layers.size(); ++i)
        layerLabels_.push_back(QStringLiteral("%1 · %2c s%3")
                                   .arg(i)
                                   .arg(space.layers[i].c_out)
                                   .arg(space.layers[i].stride));
    cost_.clear(); // columns may have moved
    redraw();
}

void ProbabilityHeatmap::setLut(const dnas::SearchSpace& space, const dnas::LatencyTable* lut) {
    if (history_.ops().empty())
        setSpace(space);
    cost_.clear();
    costUnit_.clear();
    if (!lut || !space.validate().empty())
        return redraw();
    costUnit_ = QStringLiteral("µs");
    const size_t columns = history_.ops().size();
    cost_.assign(space.layers.size(), std::vector<double>(columns, kNaN));
    for (size_t l = 0; l < space.layers.size(); ++l)
        for (const auto& op : space.layers[l].candidates) {
            const int c = history_.column(op);
            if (c < 0)
                continue;
            if (const LutEntry* e = lut->find(blockSignature(space, l, op)))
                cost_[l][static_cast<size_t>(c)] = e->latency_us;
        }
    redraw();
}

double ProbabilityHeatmap::cost(int layer, int column) const {
    if (layer < 0 || column < 0 || static_cast<size_t>(layer) >= cost_.size())
        return kNaN;
    const auto& row = cost_[static_cast<size_t>(layer)];
    return static_cast<size_t>(column) < row.size() ? row[static_cast<size_t>(column)] : kNaN;
}

void ProbabilityHeatmap::addEpoch(const dnas::EpochMetrics& m) {
    // Follow the newest epoch unless the user has scrubbed back to look at an older one.
    const bool follow = history_.empty() || slider_->value() == slider_->maximum();
    history_.add(m);
    const QSignalBlocker block(slider_);
    slider_->setEnabled(true);
    slider_->setRange(0, epochCount() - 1);
    if (follow)
        slider_->setValue(epochCount() - 1);
    redraw();
}

void ProbabilityHeatmap::clear() {
    history_.clear();
    {
        const QSignalBlocker block(slider_);
        slider_->setRange(0, 0);
        slider_->setEnabled(false);
    }
    redraw();
}

int ProbabilityHeatmap::selectedIndex() const {
    return history_.empty() ? -1 : std::clamp(slider_->value(), 0, epochCount() - 1);
}

int ProbabilityHeatmap::selectedEpoch() const {
    const int i = selectedIndex();
    return i < 0 ? -1 : history_.at(i).epoch;
}

void ProbabilityHeatmap::selectIndex(int index) {
    slider_->setValue(index);
}

QStringList ProbabilityHeatmap::opNames() const {
    QStringList out;
    for (const auto& o : history_.ops())
        out << QString::fromStdString(o);
    return out;
}

std::vector<std::vector<double>> ProbabilityHeatmap::currentMatrix() const {
    const int i = selectedIndex();
    if (i < 0)
        return {};
    const int nx = map_->data()->keySize(), ny = map_->data()->valueSize();
    std::vector<std::vector<double>> out(static_cast<size_t>(ny),
                                         std::vector<double>(static_cast<size_t>(nx)));
    for (int l = 0; l < ny; ++l)
        for (int c = 0; c < nx; ++c)
            out[static_cast<size_t>(l)][static_cast<size_t>(c)] = map_->data()->cell(c, l);
    return out;
}

QString ProbabilityHeatmap::tooltipText(int layer, int column) const {
    const int i = selectedIndex();
    const auto& ops = history_.ops();
    if (i < 0 || layer < 0 || column < 0 || column >= static_cast<int>(ops.size()))
        return {};
    const auto& s = history_.at(i);
    if (layer >= static_cast<int>(s.probs.size()))
        return {};
    const double p = s.probs[static_cast<size_t>(layer)][static_cast<size_t>(column)];
    if (std::isnan(p))
        return {};
    QString text = tr("layer %1, %2\np = %3 (epoch %4)")
                       .arg(layer)
                       .arg(QString::fromStdString(ops[static_cast<size_t>(column)]))
                       .arg(p, 0, 'f', 4)
                       .arg(s.epoch);
    if (static_cast<size_t>(layer) < argmaxColumns_.size()) {
        const size_t l = static_cast<size_t>(layer);
        if (argmaxColumns_[l] == column)
            text += tr(" — the layer's current choice");
        text += tr("\nlayer %1 % decided (entropy %2 nats)")
                    .arg(decided_[l] * kPercent, 0, 'f', 0)
                    .arg(s.entropy[l], 0, 'f', 3);
    }
    if (!cost_.empty()) {
        const double c = cost(layer, column);
        text += std::isnan(c) ? tr("\ncost: not in LUT")
                              : tr("\ncost: %1 %2").arg(c, 0, 'f', 1).arg(costUnit_);
    }
    return text;
}

void ProbabilityHeatmap::updateAxes() {
    const auto& ops = history_.ops();
    auto opTicks = QSharedPointer<QCPAxisTickerText>::create();
    for (size_t c = 0; c < ops.size(); ++c)
        opTicks->addTick(static_cast<double>(c), QString::fromStdString(ops[c]));
    heatRect_->axis(QCPAxis::atBottom)->setTicker(opTicks);
    const int i = selectedIndex();
    const size_t layers =
        i < 0 ? layerLabels_.size() : std::max(layerLabels_.size(), history_.at(i).probs.size());
    auto layerTicks = QSharedPointer<QCPAxisTickerText>::create();
    for (size_t l = 0; l < layers; ++l)
        layerTicks->addTick(static_cast<double>(l),
                            l < layerLabels_.size() ? layerLabels_[l] : QString::number(l));
    heatRect_->axis(QCPAxis::atLeft)->setTicker(layerTicks);
    entropyRect_->axis(QCPAxis::atLeft)->setTicker(layerTicks);
    const QCPRange layerRange(-kHalfCell, std::max<double>(layers, 1) - kHalfCell);
    heatRect_->axis(QCPAxis::atLeft)->setRange(layerRange);
    entropyRect_->axis(QCPAxis::atLeft)->setRange(layerRange);
    entropyRect_->axis(QCPAxis::atRight)->setRange(layerRange);
    heatRect_->axis(QCPAxis::atBottom)
        ->setRange(QCPRange(-kHalfCell, std::max<double>(ops.size(), 1) - kHalfCell));
}

void ProbabilityHeatmap::redraw() {
    updateAxes();
    const int i = selectedIndex();
    auto decidedTicks = QSharedPointer<QCPAxisTickerText>::create();
    argmaxColumns_.clear();
    decided_.clear();
    if (i < 0) {
        map_->data()->clear();
        argmax_->data()->clear();
        entropyBars_->data()->clear();
        entropyRect_->axis(QCPAxis::atRight)->setTicker(decidedTicks);
        epochLabel_->setText(tr("no epochs yet"));
        plot_->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    const auto& s = history_.at(i);
    const int nx = static_cast<int>(history_.ops().size()), ny = static_cast<int>(s.probs.size());
    map_->data()->setSize(nx, ny);
    map_->data()->setRange(QCPRange(0, std::max(nx - 1, 1)), QCPRange(0, std::max(ny - 1, 1)));
    QVector<double> ax, ay, ek, ev;
    double maxEntropy = 0.0;
    for (int l = 0; l < ny; ++l) {
        const auto& row = s.probs[static_cast<size_t>(l)];
        int best = -1;
        size_t offered = 0;
        for (int c = 0; c < nx; ++c) {
            const double p = row[static_cast<size_t>(c)];
            map_->data()->setCell(c, l, p);
            if (std::isnan(p))
                continue;
            ++offered;
            if (best < 0 || p > row[static_cast<size_t>(best)])
                best = c;
        }
        if (best >= 0) {
            ax << best;
            ay << l;
        }
        argmaxColumns_.push_back(best);
        ek << l;
        ev << s.entropy[static_cast<size_t>(l)];
        decided_.push_back(decidednessOf(ev.back(), offered));
        decidedTicks->addTick(l, QStringLiteral("%1 %").arg(decided_.back() * kPercent, 0, 'f', 0));
        // The entropy axis spans the uniform distribution's log(n), the most a layer can reach.
        maxEntropy = std::max({maxEntropy, ev.back(), std::log(std::max<double>(offered, 1))});
    }
    argmax_->setData(ax, ay);
    entropyBars_->setData(ek, ev, true);
    entropyRect_->axis(QCPAxis::atRight)->setTicker(decidedTicks);
    entropyRect_->axis(QCPAxis::atBottom)
        ->setRange(0.0, std::max(maxEntropy, kMinEntropyAxis) * kEntropyHeadroom);
    epochLabel_->setText(tr("epoch %1 (%2 of %3), τ = %4")
                             .arg(s.epoch)
                             .arg(i + 1)
                             .arg(epochCount())
                             .arg(s.temperature, 0, 'g', 3));
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void ProbabilityHeatmap::onMouseMove(QMouseEvent* event) {
    const QPointF pos = event->position();
    QString text;
    if (heatRect_->rect().contains(pos.toPoint())) {
        const int col = static_cast<int>(std::lround(map_->keyAxis()->pixelToCoord(pos.x())));
        const int layer = static_cast<int>(std::lround(map_->valueAxis()->pixelToCoord(pos.y())));
        text = tooltipText(layer, col);
    }
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, plot_);
}

CsvTable ProbabilityHeatmap::csv() const {
    CsvTable t;
    t.header = {"epoch", "temperature", "layer", "op", "probability", "layer_entropy", "cost"};
    const auto& ops = history_.ops();
    for (int i = 0; i < history_.size(); ++i) {
        const auto& s = history_.at(i);
        for (size_t l = 0; l < s.probs.size(); ++l)
            for (size_t c = 0; c < ops.size(); ++c) {
                const double p = s.probs[l][c];
                if (std::isnan(p))
                    continue;
                t.addRow({QString::number(s.epoch), CsvTable::number(s.temperature),
                          QString::number(l), QString::fromStdString(ops[c]), CsvTable::number(p),
                          CsvTable::number(s.entropy[l]),
                          CsvTable::number(cost(static_cast<int>(l), static_cast<int>(c)))});
            }
    }
    return t;
}

} // namespace dnas::ui
