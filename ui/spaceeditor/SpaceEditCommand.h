// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/space/SearchSpace.h"

#include <QUndoCommand>
#include <string>

namespace dnas::ui {

class StudyDocument;

// One edit of the study's search space, kept as the whole space before and after (a space is a
// few kilobytes): undo puts back exactly what was there, including a preset reference the study
// had, so the saved study is byte-identical after undo. An edited space is saved inline.
class SpaceEditCommand : public QUndoCommand {
  public:
    SpaceEditCommand(StudyDocument* document, const QString& text, SearchSpace after,
                     QUndoCommand* parent = nullptr);

    void redo() override;
    void undo() override;

    const SearchSpace& before() const { return before_; }
    const SearchSpace& after() const { return after_; }

  private:
    StudyDocument* document_;
    SearchSpace before_;
    SearchSpace after_;
    std::string beforeRef_; // the preset name or path the study named, empty when inline
};

} // namespace dnas::ui
