// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace dnas::ui {

class LutMeasureTask;
class SpaceEditor;

// Under the space summary: how many LUT signatures the space needs that the study's LUT lacks,
// and a one-click measurement of them on this machine, off the GUI thread, with progress and
// cancel. Only this machine's LUT ("auto") can be measured here; for another device's LUT the
// button says why it is off.
class MissingLutWidget : public QWidget {
    Q_OBJECT
  public:
    explicit MissingLutWidget(SpaceEditor* editor, QWidget* parent = nullptr);

    LutMeasureTask* task() const { return task_; }
    QPushButton* measureButton() const { return measure_; }
    QString statusText() const;
    bool measure(); // what the button does; false when there is nothing to do

  private:
    void refresh();

    SpaceEditor* editor_;
    LutMeasureTask* task_;
    QLabel* status_;
    QProgressBar* progress_;
    QPushButton* measure_;
    QPushButton* cancel_;
    QString lastResult_;
};

} // namespace dnas::ui
