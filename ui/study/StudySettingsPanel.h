// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "search/SearchSettings.h"
#include "train/TrainSettings.h"

#include <QWidget>
#include <functional>
#include <vector>

class QFormLayout;
class QLabel;

namespace dnas::ui {

class StudyDocument;

// The study's search and retraining settings as a form. Every change is an undoable
// SettingsEditCommand on the document; the form follows the document (open, undo, redo).
// Values the engine would refuse never reach the study: the ranges are the engine's, and a
// combination it rejects (SearchSettings::check) is shown here and the form put back.
class StudySettingsPanel : public QWidget {
    Q_OBJECT
  public:
    explicit StudySettingsPanel(StudyDocument* document, QWidget* parent = nullptr);

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
    void addMode(QFormLayout* form);

    void refresh();
    void commit(const QString& label);

    StudyDocument* document_;
    std::vector<Field> fields_;
    QLabel* error_;
    bool refreshing_ = false;
};

} // namespace dnas::ui
