// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/cost/LutChecker.h"

#include <QPointF>
#include <QVector>
#include <QWidget>
#include <vector>

class QCustomPlot;
class QCPGraph;
class QLabel;
class QMouseEvent;

namespace dnas::ui {

// A LUT check as a picture: each net a point at (LUT sum, measured whole-net time) in ms, the
// y = x line and the ±10 % band around it (LutChecker::kWithinBand), points inside the band in
// one colour and outside in another; hovering a point names its architecture and numbers. The
// summary line above says the check's statistics.
class LutCheckPlot : public QWidget {
    Q_OBJECT
  public:
    explicit LutCheckPlot(QWidget* parent = nullptr);

    // Shows the rows of `report` (one replot) under `summary`.
    void setReport(const LutCheckReport& report, const QString& summary);
    void clear();

    // What is plotted, (LUT ms, measured ms) per net, inside the band first.
    QVector<QPointF> plottedPoints() const;
    QString summaryText() const;
    // The row whose point is nearest to `pixel` within a few pixels; -1 when none is.
    int rowAt(const QPointF& pixel) const;
    QString toolTipFor(int row) const;
    QCustomPlot* plot() const { return plot_; }

  private:
    void onMouseMove(QMouseEvent* event);

    QCustomPlot* plot_;
    QLabel* summary_;
    QCPGraph* within_;
    QCPGraph* outside_;
    QCPGraph* diagonal_;
    QCPGraph* bandLow_;
    QCPGraph* bandHigh_;
    std::vector<LutCheckRow> rows_;
};

} // namespace dnas::ui
