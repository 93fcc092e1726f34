// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/search/SearchSettings.h"
#include "engine/train/TrainSettings.h"

#include <QUndoCommand>

namespace dnas::ui {

class StudyDocument;

// One change of the study's search or retraining settings, kept as both before and after.
// Consecutive changes of the same field merge into one undo step (a spin box stepped ten times
// is undone at once).
class SettingsEditCommand : public QUndoCommand {
  public:
    SettingsEditCommand(StudyDocument* document, const QString& field, SearchSettings search,
                        TrainSettings train);

    void redo() override;
    void undo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand* other) override;

  private:
    StudyDocument* document_;
    QString field_;
    SearchSettings beforeSearch_, afterSearch_;
    TrainSettings beforeTrain_, afterTrain_;
};

} // namespace dnas::ui
