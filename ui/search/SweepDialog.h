// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/search/CostTable.h"
#include "engine/search/Study.h"
#include "engine/search/SweepPlan.h"

#include <QDialog>
#include <optional>
#include <utility>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace dnas::ui {

class SweepTargetsEditor;
class SweepTargetsModel;

// "Search a Front": the targets of a sweep, a sorted list edited in place (ms for latency, else
// the cost model's unit; SweepTargetsEditor) that a count spread over the space's cost range
// (shown) can fill, and the retraining of each delivered net (none, a proxy recipe of N
// epochs, the study's recipe). The list refuses a target that is not a positive number, lies
// outside the range or is listed already, saying why; Start stays off while the list is empty
// or holds a stopped sweep's target outside the range, with the reason beside it.
class SweepDialog : public QDialog {
    Q_OBJECT
  public:
    // `costs`: the study's cost table, or none when it could not be built (`costError` says
    // why; Start stays off). `previous` prefills the fields: a stopped sweep, which starting
    // the same targets continues (`previousNote` says so).
    SweepDialog(const Study& study, std::optional<CostTable> costs, const QString& costError,
                const std::optional<SweepPlan>& previous, const QString& previousNote,
                QWidget* parent = nullptr);

    // The plan as entered, its targets the list's; only valid while isValid().
    SweepPlan plan() const;
    bool isValid() const { return error().isEmpty(); }
    QString error() const; // why Start is off; empty when it is on

    // Replaces the list by countBox()'s count of targets spread over the range.
    void spreadTargets();

    SweepTargetsModel* targetsModel() const { return model_; }
    SweepTargetsEditor* targetsEditor() const { return editor_; }
    QSpinBox* countBox() const { return count_; }
    QPushButton* spreadButton() const { return spread_; }
    QComboBox* retrainBox() const { return retrain_; }
    QSpinBox* proxyEpochsBox() const { return proxyEpochs_; }

  private:
    void update();

    std::optional<CostTable> costs_;
    QString costError_;
    std::optional<SweepPlan> previous_;
    SweepPlan unitPlan_;                             // the unit targets are given in, no targets
    std::optional<std::pair<double, double>> range_; // in that unit
    SweepTargetsModel* model_;
    SweepTargetsEditor* editor_;
    QSpinBox* count_;
    QPushButton* spread_;
    QComboBox* retrain_;
    QSpinBox* proxyEpochs_;
    QLabel* problem_;
    QDialogButtonBox* buttons_;
};

} // namespace dnas::ui
