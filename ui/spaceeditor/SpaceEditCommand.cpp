// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/spaceeditor/SpaceEditCommand.h"

#include "ui/study/StudyDocument.h"

namespace dnas::ui {

SpaceEditCommand::SpaceEditCommand(StudyDocument* document, const QString& text, SearchSpace after,
                                   QUndoCommand* parent)
    : QUndoCommand(text, parent), document_(document), before_(document->study().space),
      after_(std::move(after)), beforeRef_(document->study().space_ref) {}

void SpaceEditCommand::redo() {
    document_->applyEdit([this](Study& s) {
        s.space = after_;
        s.space_ref.clear();
    });
}

void SpaceEditCommand::undo() {
    document_->applyEdit([this](Study& s) {
        s.space = before_;
        s.space_ref = beforeRef_;
    });
}

} // namespace dnas::ui
