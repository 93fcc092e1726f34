// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/search/Study.h"
#include "ui/lut/LutDocument.h"

#include <QUndoCommand>
#include <optional>

namespace dnas::ui {

class StudyDocument;

// Replaces the whole LUT (an import, a fit, another LUT opened, a save under a new name) and/or
// the study's cost model, as one undo step. The LUT changes before the study in both directions,
// so views that follow the study's LUT reference find the editor already showing it.
class ReplaceLutCommand : public QUndoCommand {
  public:
    ReplaceLutCommand(LutDocument* lut, std::optional<LutDocument::State> lutAfter,
                      StudyDocument* study, std::optional<CostSpec> costAfter, const QString& text);

    void redo() override;
    void undo() override;

  private:
    LutDocument* lut_;
    std::optional<LutDocument::State> lutBefore_, lutAfter_;
    StudyDocument* study_;
    std::optional<CostSpec> costBefore_, costAfter_;
};

} // namespace dnas::ui
