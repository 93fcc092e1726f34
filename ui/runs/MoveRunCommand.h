// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "ui/util/ErrorReporter.h"

#include <QString>
#include <QUndoCommand>
#include <string>

namespace dnas::ui {

class RunsModel;
class StudyDocument;

// A run folder of the study renamed, or moved to the trash, with the study's "runs" entry:
// undo moves the folder back and restores the entry. The caller makes the first move (so that
// a failure is reported before anything is pushed); redo after an undo moves it again.
class MoveRunCommand : public QUndoCommand {
  public:
    enum class Kind { Rename, Trash };
    // `to`: the new folder (Rename) or where the trash put it (Trash).
    MoveRunCommand(StudyDocument* document, RunsModel* model, Kind kind, QString from, QString to,
                   ErrorReporter report);

    void redo() override;
    void undo() override;

    // A "runs" entry as an absolute folder, and a folder as the study lists it (relative to the
    // study file when it has one).
    static QString resolve(const StudyDocument* document, const std::string& listed);
    static std::string listed(const StudyDocument* document, const QString& dir);

  private:
    void moved(const QString& from, const QString& to, bool back);

    StudyDocument* document_;
    RunsModel* model_;
    Kind kind_;
    QString from_, to_;
    int index_ = -1; // the entry's place in the study's list
    bool firstRedo_ = true;
    ErrorReporter report_;
};

} // namespace dnas::ui
