// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lut/ReplaceLutCommand.h"

#include "ui/study/StudyDocument.h"

namespace dnas::ui {

ReplaceLutCommand::ReplaceLutCommand(LutDocument* lut, std::optional<LutDocument::State> lutAfter,
                                     StudyDocument* study, std::optional<CostSpec> costAfter,
                                     const QString& text)
    : QUndoCommand(text), lut_(lut), lutAfter_(std::move(lutAfter)), study_(study),
      costAfter_(std::move(costAfter)) {
    if (lutAfter_)
        lutBefore_ = lut_->state();
    if (costAfter_ && study_)
        costBefore_ = study_->study().cost;
}

void ReplaceLutCommand::redo() {
    if (lutAfter_)
        lut_->restore(*lutAfter_);
    if (costAfter_ && study_) {
        const CostSpec cost = *costAfter_;
        study_->applyEdit([cost](Study& s) { s.cost = cost; });
    }
}

void ReplaceLutCommand::undo() {
    if (lutBefore_)
        lut_->restore(*lutBefore_);
    if (costBefore_) {
        const CostSpec cost = *costBefore_;
        study_->applyEdit([cost](Study& s) { s.cost = cost; });
    }
}

} // namespace dnas::ui
