// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/TargetMarker.h"

#include "ui/plots/PlotPalette.h"
#include "ui/util/NumberFormat.h"
#include "ui/util/Units.h"

#include <QCoreApplication>
#include <initializer_list>
#include <qcustomplot.h>

namespace dnas::ui {

namespace {
// The target takes the palette's vermilion, which no series of these plots uses for data.
constexpr int kTargetColour = 1;
// The band is a faint wash: the data drawn over it must stay readable.
constexpr double kBandAlpha = 0.12;
constexpr double kLineWidth = 1.0;
// Label: a little off the line and the frame, on a translucent card so data under it shows.
const QMargins kLabelPadding(4, 2, 4, 2);
constexpr double kLabelInset = 0.01; // fraction of the axis rect from its edge
const QColor kLabelBackground(255, 255, 255, 200);
// The band lies under the data (the "grid" layer is below "main"), so it tints, never hides.
const QString kBandLayer = QStringLiteral("grid");

// Plot coordinates on the rect's bottom and left axes, ratios of the same rect.
void attach(QCPItemPosition* p, QCPAxisRect* rect) {
    p->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    p->setAxisRect(rect);
}
} // namespace

TargetMarker::TargetMarker(QCustomPlot* plot, QCPAxisRect* rect, Orientation orientation)
    : orientation_(orientation), plot_(plot), line_(new QCPItemStraightLine(plot)),
      band_(new QCPItemRect(plot)), label_(new QCPItemText(plot)) {
    const bool vertical = orientation_ == Orientation::Vertical;
    for (QCPItemPosition* p :
         {line_->point1, line_->point2, band_->topLeft, band_->bottomRight, label_->position})
        attach(p, rect);
    // The band spans the whole rect across the cost axis: that coordinate is a ratio of the rect.
    for (QCPItemPosition* p : {band_->topLeft, band_->bottomRight, label_->position}) {
        if (vertical)
            p->setTypeY(QCPItemPosition::ptAxisRectRatio);
        else
            p->setTypeX(QCPItemPosition::ptAxisRectRatio);
    }
    band_->setPen(Qt::NoPen);
    band_->setLayer(kBandLayer);
    label_->setBrush(kLabelBackground);
    label_->setPadding(kLabelPadding);
    // Vertical (cost on the key axis, e.g. accuracy over cost): at the foot of the line, where
    // the worst nets are, not at the top, where the best ones and a retrained star land.
    label_->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
    for (QCPAbstractItem* item : std::initializer_list<QCPAbstractItem*>{line_, band_, label_}) {
        item->setClipAxisRect(rect);
        item->setSelectable(false);
        item->setVisible(false);
    }
    setColour(PlotPalette::series(kTargetColour));
}

TargetMarker::~TargetMarker() {
    // While the plot lives, its items would stay drawn without this marker to place them.
    if (!plot_)
        return;
    for (QCPAbstractItem* item : std::initializer_list<QCPAbstractItem*>{line_, band_, label_})
        plot_->removeItem(item);
}

void TargetMarker::setColour(const QColor& colour) {
    colour_ = colour;
    line_->setPen(QPen(colour, kLineWidth, Qt::DashLine));
    band_->setBrush(PlotPalette::faded(colour, kBandAlpha));
    label_->setColor(colour);
}

void TargetMarker::setName(const QString& name) {
    name_ = name;
    place();
}

void TargetMarker::set(std::optional<double> cost, double tolerance) {
    cost_ = cost;
    tolerance_ = tolerance;
    place();
}

void TargetMarker::setUnit(const QString& unit) {
    unit_ = unit;
    place();
}

QString TargetMarker::labelText() const {
    if (!cost_)
        return {};
    const QString text = QCoreApplication::translate("TargetMarker", "target %1 ± %2 %")
                             .arg(NumberFormat::cost(*cost_, unit_))
                             .arg(tolerance_ * kPercent, 0, 'g', 3);
    return name_.isEmpty() ? text
                           : QCoreApplication::translate("TargetMarker", "%1: %2").arg(name_, text);
}

void TargetMarker::expand(QCPRange& range) const {
    if (!cost_)
        return;
    range.expand(*cost_ * (1.0 - tolerance_));
    range.expand(*cost_ * (1.0 + tolerance_));
}

void TargetMarker::place() {
    const bool shown = cost_.has_value();
    for (QCPAbstractItem* item : std::initializer_list<QCPAbstractItem*>{line_, band_, label_})
        item->setVisible(shown);
    if (!shown)
        return;
    const double c = *cost_, lo = c * (1.0 - tolerance_), hi = c * (1.0 + tolerance_);
    if (orientation_ == Orientation::Vertical) {
        line_->point1->setCoords(c, 0.0);
        line_->point2->setCoords(c, 1.0);
        band_->topLeft->setCoords(lo, 0.0);
        band_->bottomRight->setCoords(hi, 1.0);
        label_->position->setCoords(c, 1.0 - kLabelInset);
    } else {
        line_->point1->setCoords(0.0, c);
        line_->point2->setCoords(1.0, c);
        band_->topLeft->setCoords(0.0, hi);
        band_->bottomRight->setCoords(1.0, lo);
        label_->position->setCoords(kLabelInset, c);
    }
    label_->setText(labelText());
}

} // namespace dnas::ui
