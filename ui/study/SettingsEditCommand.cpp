// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/study/SettingsEditCommand.h"

#include "ui/study/StudyDocument.h"

namespace dnas::ui {

namespace {
constexpr int kCommandId = 0x5e77; // QUndoCommand::id of settings edits (merge key)
}

SettingsEditCommand::SettingsEditCommand(StudyDocument* document, const QString& field,
                                         SearchSettings search, TrainSettings train)
    : QUndoCommand(QObject::tr("Change %1").arg(field)), document_(document), field_(field),
      beforeSearch_(document->study().settings), afterSearch_(std::move(search)),
      beforeTrain_(document->study().train), afterTrain_(std::move(train)) {}

void SettingsEditCommand::redo() {
    document_->applyEdit([this](Study& s) {
        s.settings = afterSearch_;
        s.train = afterTrain_;
    });
}

void SettingsEditCommand::undo() {
    document_->applyEdit([this](Study& s) {
        s.settings = beforeSearch_;
        s.train = beforeTrain_;
    });
}

int SettingsEditCommand::id() const {
    return kCommandId;
}

bool SettingsEditCommand::mergeWith(const QUndoCommand* other) {
    const auto* next = static_cast<const SettingsEditCommand*>(other);
    if (next->document_ != document_ || next->field_ != field_)
        return false;
    afterSearch_ = next->afterSearch_;
    afterTrain_ = next->afterTrain_;
    return true;
}

} // namespace dnas::ui
