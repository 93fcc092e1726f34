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
class QLineEdit;
class QRadioButton;
class QSpinBox;

namespace dnas::ui {

// "Search a Front": the targets of a sweep, as a list (ms for latency, else the cost model's
// unit) or a count spread over the space's cost range (shown), and the retraining of each
// delivered net (none, a proxy recipe of N epochs, the study's recipe). Start stays off while a
// target is not a positive number or lies outside the range, with the reason beside it.
class SweepDialog : public QDialog {
    Q_OBJECT
  public:
    // `costs`: the study's cost table, or none when it could not be built (`costError` says
    // why; Start stays off). `previous` prefills the fields: a stopped sweep, which starting
    // the same targets continues (`previousNote` says so).
    SweepDialog(const Study& study, std::optional<CostTable> costs, const QString& costError,
                const std::optional<SweepPlan>& previous, const QString& previousNote,
                QWidget* parent = nullptr);

    // The plan as entered; only valid while isValid().
    SweepPlan plan() const;
    bool isValid() const { return error().isEmpty(); }
    QString error() const; // why Start is off; empty when it is on

    QLineEdit* targetsEdit() const { return targets_; }
    QSpinBox* countBox() const { return count_; }
    QRadioButton* listButton() const { return list_; }
    QRadioButton* spreadButton() const { return spread_; }
    QComboBox* retrainBox() const { return retrain_; }
    QSpinBox* proxyEpochsBox() const { return proxyEpochs_; }

  private:
    std::vector<double> listedTargets(QString* error) const;
    std::vector<double> spreadTargets() const;
    void update();

    std::optional<CostTable> costs_;
    QString costError_;
    SweepPlan unitPlan_;                             // the unit targets are given in, no targets
    std::optional<std::pair<double, double>> range_; // in that unit
    QRadioButton* list_;
    QRadioButton* spread_;
    QLineEdit* targets_;
    QSpinBox* count_;
    QLabel* spreadPreview_;
    QComboBox* retrain_;
    QSpinBox* proxyEpochs_;
    QLabel* problem_;
    QDialogButtonBox* buttons_;
};

} // namespace dnas::ui
