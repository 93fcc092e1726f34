// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QWidget>

class QLabel;
class QListView;
class QPushButton;

namespace dnas::ui {

class SweepTargetsModel;

// The list of a sweep's targets with Add and Remove: Add lists a target in the widest gap of
// the range and opens it for editing, Remove (or Delete) drops the selected ones, Enter, F2 or
// a double-click edits one in place. What the model refuses is said below the list until the
// next change.
class SweepTargetsEditor : public QWidget {
    Q_OBJECT
  public:
    explicit SweepTargetsEditor(SweepTargetsModel* model, QWidget* parent = nullptr);

    void addTarget();
    void removeSelected();

    SweepTargetsModel* model() const { return model_; }
    QListView* view() const { return view_; }
    QPushButton* addButton() const { return add_; }
    QPushButton* removeButton() const { return remove_; }
    QString message() const; // the last refusal, empty once the list changed

  private:
    void showMessage(const QString& text);
    void updateButtons();

    SweepTargetsModel* model_;
    QListView* view_;
    QPushButton* add_;
    QPushButton* remove_;
    QLabel* message_;
};

} // namespace dnas::ui
