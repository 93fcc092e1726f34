// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "ui/plots/CsvTable.h"
#include "ui/plots/ProbabilityHistory.h"

#include <QStringList>
#include <QWidget>
#include <string>
#include <vector>

class QCustomPlot;
class QCPAxisRect;
class QCPBars;
class QCPColorMap;
class QCPColorScale;
class QCPGraph;
class QLabel;
class QMouseEvent;
class QSlider;

namespace dnas {
struct EpochMetrics;
class LatencyTable;
class SearchSpace;
} // namespace dnas

namespace dnas::ui {

// Layers × ops heatmap of softmax(θ), with the argmax of each layer marked, the entropy of
// each layer beside it with how decided the layer is (1 − entropy / ln K, K its candidates:
// 0 uniform, 1 one-hot), and a slider to scrub back through the epochs. It keeps every epoch's
// matrix (200 × 22 × 9 doubles is ~300 kB) but draws only the selected one.
class ProbabilityHeatmap : public QWidget {
    Q_OBJECT
  public:
    explicit ProbabilityHeatmap(QWidget* parent = nullptr);

    // Column order (the space's op names) and layer labels; keeps the history.
    void setSpace(const dnas::SearchSpace& space);
    // Costs shown in the tooltip, looked up once here; nullptr removes them. The LUT is not kept.
    void setLut(const dnas::SearchSpace& space, const dnas::LatencyTable* lut);

    void addEpoch(const dnas::EpochMetrics& metrics);
    void clear();

    int epochCount() const { return history_.size(); }
    int selectedIndex() const;   // into the history; -1 when empty
    int selectedEpoch() const;   // the epoch number drawn; -1 when empty
    void selectIndex(int index); // what the slider does
    QStringList opNames() const; // the columns
    // The values drawn: [layer][column], NaN where a layer does not offer that op.
    std::vector<std::vector<double>> currentMatrix() const;
    // What hovering over (layer, column) shows; empty outside the matrix.
    QString tooltipText(int layer, int column) const;
    // Per layer of the drawn epoch: the marked argmax column (-1 when the layer offers nothing)
    // and its decidedness 1 − entropy / ln K in [0, 1]. Empty when no epoch is drawn.
    const std::vector<int>& argmaxColumns() const { return argmaxColumns_; }
    const std::vector<double>& decidedness() const { return decided_; }

    CsvTable csv() const; // the whole history, one row per (epoch, layer, op)
    QCustomPlot* plot() const { return plot_; }
    QSlider* slider() const { return slider_; }

  signals:
    void selectedEpochChanged(int epoch);

  private:
    double cost(int layer, int column) const; // NaN when unknown
    void updateAxes();
    void redraw();
    void onMouseMove(QMouseEvent* event);

    QCustomPlot* plot_ = nullptr;
    QCPAxisRect* heatRect_ = nullptr;
    QCPAxisRect* entropyRect_ = nullptr;
    QCPColorMap* map_ = nullptr;
    QCPColorScale* scale_ = nullptr;
    QCPGraph* argmax_ = nullptr;
    QCPBars* entropyBars_ = nullptr;
    QSlider* slider_ = nullptr;
    QLabel* epochLabel_ = nullptr;

    ProbabilityHistory history_;
    std::vector<QString> layerLabels_;      // from the space, when set
    std::vector<std::vector<double>> cost_; // [layer][column] at setLut time
    QString costUnit_;
    std::vector<int> argmaxColumns_; // of the drawn epoch, per layer
    std::vector<double> decided_;    // of the drawn epoch, per layer
};

} // namespace dnas::ui
