// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QWidget>

class QTableView;

namespace dnas {
struct Study;
}

namespace dnas::ui {

class SpaceTableModel;
class SpaceSummaryWidget;

// The study's search space, layer by layer, with its MAC / parameter / latency summary.
// Read-only for now; the space editor builds on the same model.
class SpacePanel : public QWidget {
    Q_OBJECT
  public:
    explicit SpacePanel(QWidget* parent = nullptr);

    void setStudy(const Study& study);

    SpaceTableModel* model() const { return model_; }
    SpaceSummaryWidget* summary() const { return summary_; }
    QTableView* view() const { return view_; }

  private:
    SpaceTableModel* model_;
    SpaceSummaryWidget* summary_;
    QTableView* view_;
};

} // namespace dnas::ui
