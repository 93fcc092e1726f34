// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QModelIndexList>
#include <QString>
#include <QStringList>

namespace dnas::ui {

class LutTableModel;

// Blocks of LUT cells as spreadsheet text: tab-separated cells, one line per row, numbers in
// the table's unit with the fewest digits that read back exactly.
class LutClipboard {
  public:
    // The bounding box of `cells`; cells outside the selection, blank or missing stay empty.
    // While comparing, the ratios.
    static QString copy(const LutTableModel& model, const QModelIndexList& cells);
    // Lines (LF or CRLF; a trailing line break is no row) split on tabs.
    static QList<QStringList> parse(const QString& text);
    // Pastes the block with its top-left corner at the selection's, as one undo step; a single
    // value fills every selected cell. Cells past the table's edge and blank cells are skipped;
    // an empty pasted cell clears its cell. False with *error (naming the row and column of the
    // pasted text) and nothing changed when a cell is no number; false without an error when
    // the paste changes nothing.
    static bool paste(LutTableModel& model, const QModelIndexList& selection, const QString& text,
                      QString* error);
};

} // namespace dnas::ui
