// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/search/CostTable.h"
#include "engine/search/SearchSettings.h"
#include "engine/train/TrainSettings.h"

#include <QWidget>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

class QCheckBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QShowEvent;

namespace dnas::ui {

class StudyDocument;

// The study's search and retraining settings as a form. Every change is an undoable
// SettingsEditCommand on the document; the form follows the document (open, undo, redo).
// Values the engine would refuse never reach the study: the ranges are the engine's, and a
// combination it rejects (SearchSettings::check) is shown here and the form put back.
// The cost target (loss "target") is shown in the study's cost unit beside the cheapest and
// dearest architecture of the space under its cost model, when that cost can be computed; a
// target given as a quantile of the space shows the cost it stands for on this table.
class StudySettingsPanel : public QWidget {
    Q_OBJECT
  public:
    explicit StudySettingsPanel(StudyDocument* document, QWidget* parent = nullptr);

  protected:
    void showEvent(QShowEvent* event) override; // the LUT may have been measured meanwhile

  private:
    struct Field {
        QString label;
        std::function<void(const SearchSettings&, const TrainSettings&)> show;
        std::function<void(SearchSettings&, TrainSettings&)> read;
    };

    template <class Owner, class T>
    void addSpin(QFormLayout* form, const char* name, const QString& label, T Owner::*member,
                 int lo, int hi, const QString& zeroText = {});
    template <class Owner>
    void addReal(QFormLayout* form, const char* name, const QString& label, double Owner::*member,
                 double lo, double hi, int decimals);
    template <class Owner>
    void addCheck(QFormLayout* form, const char* name, const QString& label, bool Owner::*member);
    // A combo box over an enum setting: items are (shown text, value); an item's data is its
    // value as the settings file spells it ("two-path").
    template <class E>
    void addChoice(QFormLayout* form, const char* name, const QString& label,
                   E SearchSettings::*member, const std::vector<std::pair<QString, E>>& items);
    void addMode(QFormLayout* form);
    void addPaths(QFormLayout* form);  // warmup_paths and w_paths
    void addTarget(QFormLayout* form); // "Latency target", its tolerance and its quantile
    void addTargetQuantile(QFormLayout* form);

    QString targetLabel() const; // "Latency target", "MACs target", … by the cost model
    void updateCostRange();
    void showQuantileTarget(); // a quantile's cost in the target field, which it then replaces
    void refresh();
    void commit(const QString& label);

    StudyDocument* document_;
    std::vector<Field> fields_;
    QLabel* error_;
    QCheckBox* targetEnabled_ = nullptr;
    QDoubleSpinBox* target_ = nullptr;
    QDoubleSpinBox* tolerance_ = nullptr;
    QDoubleSpinBox* quantile_ = nullptr; // percent of the space; 0: off
    QDoubleSpinBox* tauEnd_ = nullptr;
    QDoubleSpinBox* lambda_ = nullptr;
    QLabel* targetRowLabel_ = nullptr;
    QLabel* costRange_ = nullptr;
    std::optional<CostTable> costs_; // the study's cost table, when it can be computed
    std::string rangeKey_;           // the cost model and space costs_ was computed for
    bool refreshing_ = false;
};

} // namespace dnas::ui
