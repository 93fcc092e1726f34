// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/spaceeditor/OpPaletteView.h"

namespace dnas::ui {

OpPaletteView::OpPaletteView(QWidget* parent) : QListView(parent) {
    setObjectName(QStringLiteral("opPalette"));
    setDragEnabled(true);
    setAcceptDrops(true);
    setDropIndicatorShown(false); // a candidate dropped anywhere on the palette is removed
    setDragDropMode(QAbstractItemView::DragDrop);
    setDefaultDropAction(Qt::CopyAction);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setUniformItemSizes(true);
}

QString OpPaletteView::currentOp() const {
    return currentIndex().data().toString();
}

void OpPaletteView::startDrag(Qt::DropActions supportedActions) {
    ItemDrag::start(this, supportedActions, Qt::CopyAction, exec_);
}

} // namespace dnas::ui
