// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QColor>
#include <QPointer>
#include <QString>
#include <optional>

class QCustomPlot;
class QCPAxisRect;
class QCPItemRect;
class QCPItemStraightLine;
class QCPItemText;
class QCPRange;

namespace dnas::ui {

// A search's cost target (SearchSettings::loss "target") drawn on one axis rect of a plot: a
// dashed line at the target, its ±tolerance band lightly shaded, and a label such as
// "target 900 µs ± 5 %". Horizontal where cost is the value axis (expected-cost curve),
// vertical where it is the key axis (Pareto plot). The items belong to the plot (this removes
// them when it goes, so overlaid runs' markers can come and go); it only places them, and never
// replots (its owner does, throttled).
class TargetMarker {
  public:
    enum class Orientation { Horizontal, Vertical };

    TargetMarker(QCustomPlot* plot, QCPAxisRect* rect, Orientation orientation);
    ~TargetMarker();
    TargetMarker(const TargetMarker&) = delete;
    TargetMarker& operator=(const TargetMarker&) = delete;

    // nullopt hides everything; tolerance is a fraction (0.05 = ±5 %).
    void set(std::optional<double> cost, double tolerance);
    // The cost model's unit ("us", "MMAC"), used only in the label.
    void setUnit(const QString& unit);
    // An overlaid run's marker: drawn in the run's colour (default: the palette's vermilion,
    // which no data series uses) and its label naming the run ("run: target …").
    void setColour(const QColor& colour);
    void setName(const QString& name);
    QColor colour() const { return colour_; }

    std::optional<double> cost() const { return cost_; }
    double tolerance() const { return tolerance_; }
    bool isVisible() const { return cost_.has_value(); }
    QString labelText() const;
    // Widens a cost-axis range so that the whole band shows; unchanged when hidden.
    void expand(QCPRange& range) const;

    QCPItemStraightLine* line() const { return line_; }
    QCPItemRect* band() const { return band_; }
    QCPItemText* label() const { return label_; }

  private:
    void place();

    Orientation orientation_;
    QPointer<QCustomPlot> plot_; // gone first when the plot is destroyed with its items
    QCPItemStraightLine* line_;
    QCPItemRect* band_;
    QCPItemText* label_;
    std::optional<double> cost_;
    double tolerance_ = 0.0;
    QString unit_;
    QString name_;
    QColor colour_;
};

} // namespace dnas::ui
