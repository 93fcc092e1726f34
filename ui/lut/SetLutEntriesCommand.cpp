// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lut/SetLutEntriesCommand.h"

namespace dnas::ui {

SetLutEntriesCommand::SetLutEntriesCommand(LutDocument* document,
                                           std::vector<LutEntryChange> changes, const QString& text,
                                           std::optional<LutDocument::Meta> metaAfter)
    : QUndoCommand(text), document_(document), changes_(std::move(changes)),
      before_(document->meta()), after_(metaAfter.value_or(before_)) {}

void SetLutEntriesCommand::redo() {
    document_->applyChanges(changes_, true, after_);
}

void SetLutEntriesCommand::undo() {
    document_->applyChanges(changes_, false, before_);
}

} // namespace dnas::ui
