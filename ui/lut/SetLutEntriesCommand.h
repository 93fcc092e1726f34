// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "ui/lut/LutDocument.h"

#include <QUndoCommand>
#include <optional>
#include <vector>

namespace dnas::ui {

// Sets, changes or removes LUT entries (an edited cell, a pasted block, a scale, a measurement)
// as one undo step, and optionally the LUT's device and provenance with them.
class SetLutEntriesCommand : public QUndoCommand {
  public:
    SetLutEntriesCommand(LutDocument* document, std::vector<LutEntryChange> changes,
                         const QString& text, std::optional<LutDocument::Meta> metaAfter = {});

    void redo() override;
    void undo() override;

    size_t size() const { return changes_.size(); }

  private:
    LutDocument* document_;
    std::vector<LutEntryChange> changes_;
    LutDocument::Meta before_, after_;
};

} // namespace dnas::ui
