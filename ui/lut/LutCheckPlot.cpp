// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lut/LutCheckPlot.h"

#include "ui/plots/PlotPalette.h"
#include "ui/util/Units.h"

#include <QLabel>
#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>
#include <qcustomplot.h>

namespace dnas::ui {

namespace {
constexpr double kMsPerUs = 1e-3;
constexpr double kPickRadiusPx = 8.0; // a point this close to the pointer is the hovered one
constexpr double kPointSize = 7.0;    // pixels: a few hundred nets stay apart
constexpr double kRangeMargin = 0.08; // of the data's span: points at the edge stay whole
constexpr double kBandFill = 0.18;    // strength of the band's tint: the points stay on top
constexpr int kMinPlotHeight = 260;   // pixels: the scatter stays readable beside the table
// The band of LutChecker::kWithinBand, as measured = lut / (1 ± band): |lut − m| / m ≤ band.
constexpr double kBandLowSlope = 1.0 / (1.0 + LutChecker::kWithinBand);
constexpr double kBandHighSlope = 1.0 / (1.0 - LutChecker::kWithinBand);
} // namespace

LutCheckPlot::LutCheckPlot(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("lutCheckPlot"));
    summary_ = new QLabel(this);
    summary_->setObjectName(QStringLiteral("lutCheckSummary"));
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Wrapped to the plot's width: a long summary must not widen the editor.
    summary_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    plot_ = new QCustomPlot(this);
    plot_->setMinimumHeight(kMinPlotHeight);
    plot_->xAxis->setLabel(tr("LUT sum (ms)"));
    plot_->yAxis->setLabel(tr("measured whole net (ms)"));

    const QColor band = PlotPalette::series(0);
    bandLow_ = plot_->addGraph();
    bandLow_->setPen(QPen(band, 1, Qt::DashLine));
    bandLow_->setName(tr("±%1 %").arg(kPercent * LutChecker::kWithinBand, 0, 'f', 0));
    bandHigh_ = plot_->addGraph();
    bandHigh_->setPen(QPen(band, 1, Qt::DashLine));
    bandHigh_->setBrush(PlotPalette::tint(band, kBandFill));
    bandHigh_->setChannelFillGraph(bandLow_);
    diagonal_ = plot_->addGraph();
    diagonal_->setPen(QPen(Qt::darkGray, 1));
    diagonal_->setName(tr("measured = LUT"));
    const auto points = [this](const QColor& c, const QString& name) {
        QCPGraph* g = plot_->addGraph();
        g->setLineStyle(QCPGraph::lsNone);
        g->setScatterStyle(PlotPalette::disc(c, Qt::white, kPointSize));
        g->setName(name);
        return g;
    };
    within_ = points(PlotPalette::series(0), tr("within the band"));
    outside_ = points(PlotPalette::series(1), tr("outside"));
    plot_->legend->setVisible(true);
    plot_->legend->removeItem(plot_->legend->itemWithPlottable(bandHigh_));
    // A LUT that misses what whole nets add puts its points above the diagonal, top left.
    plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);

    plot_->setMouseTracking(true);
    connect(plot_, &QCustomPlot::mouseMove, this, &LutCheckPlot::onMouseMove);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(summary_);
    layout->addWidget(plot_, 1);
}

void LutCheckPlot::setReport(const LutCheckReport& report, const QString& summary) {
    rows_ = report.rows;
    summary_->setText(summary);
    QVector<double> wx, wy, ox, oy;
    double lo = 0.0, hi = 0.0;
    bool first = true;
    for (const auto& r : rows_) {
        const double x = r.lut_us * kMsPerUs, y = r.measured_us * kMsPerUs;
        (r.rel_err <= LutChecker::kWithinBand ? wx : ox).push_back(x);
        (r.rel_err <= LutChecker::kWithinBand ? wy : oy).push_back(y);
        lo = first ? std::min(x, y) : std::min({lo, x, y});
        hi = first ? std::max(x, y) : std::max({hi, x, y});
        first = false;
    }
    within_->setData(wx, wy);
    outside_->setData(ox, oy);
    // One range on both axes, so y = x is the diagonal and distances read the same both ways.
    const double pad = std::max(hi - lo, hi * kRangeMargin) * kRangeMargin;
    const double from = std::max(0.0, lo - pad), to = hi > 0.0 ? hi + pad : 1.0;
    plot_->xAxis->setRange(from, to);
    plot_->yAxis->setRange(from, to);
    // The lines run over the whole visible square; the band's fill lies between its two lines.
    diagonal_->setData({from, to}, {from, to});
    bandLow_->setData({from, to}, {from * kBandLowSlope, to * kBandLowSlope});
    bandHigh_->setData({from, to}, {from * kBandHighSlope, to * kBandHighSlope});
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void LutCheckPlot::clear() {
    setReport({}, QString());
}

QVector<QPointF> LutCheckPlot::plottedPoints() const {
    QVector<QPointF> out;
    for (const QCPGraph* g : {within_, outside_})
        for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it)
            out.push_back({it->key, it->value});
    return out;
}

QString LutCheckPlot::summaryText() const {
    return summary_->text();
}

int LutCheckPlot::rowAt(const QPointF& pixel) const {
    int best = -1;
    double bestD2 = kPickRadiusPx * kPickRadiusPx;
    for (size_t i = 0; i < rows_.size(); ++i) {
        const double dx = plot_->xAxis->coordToPixel(rows_[i].lut_us * kMsPerUs) - pixel.x();
        const double dy = plot_->yAxis->coordToPixel(rows_[i].measured_us * kMsPerUs) - pixel.y();
        const double d2 = dx * dx + dy * dy;
        if (d2 <= bestD2) {
            bestD2 = d2;
            best = int(i);
        }
    }
    return best;
}

QString LutCheckPlot::toolTipFor(int row) const {
    if (row < 0 || row >= int(rows_.size()))
        return {};
    const LutCheckRow& r = rows_[size_t(row)];
    const double signedErr = r.measured_us > 0.0 ? (r.lut_us - r.measured_us) / r.measured_us : 0.0;
    return tr("%1\nLUT %2 ms, measured %3 ms (p10 %4, p90 %5)\nLUT error %6 %\nodd / even passes: "
              "%7 and %8 ms")
        .arg(QString::fromStdString(r.arch.toString()))
        .arg(r.lut_us * kMsPerUs, 0, 'f', 3)
        .arg(r.measured_us * kMsPerUs, 0, 'f', 3)
        .arg(r.stats.p10_us * kMsPerUs, 0, 'f', 3)
        .arg(r.stats.p90_us * kMsPerUs, 0, 'f', 3)
        .arg(kPercent * signedErr, 0, 'f', 1)
        .arg(r.first_us * kMsPerUs, 0, 'f', 3)
        .arg(r.second_us * kMsPerUs, 0, 'f', 3);
}

void LutCheckPlot::onMouseMove(QMouseEvent* event) {
    const QString text = toolTipFor(rowAt(event->position()));
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, plot_);
}

} // namespace dnas::ui
