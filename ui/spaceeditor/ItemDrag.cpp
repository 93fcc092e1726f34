// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/spaceeditor/ItemDrag.h"

#include <QAbstractItemView>
#include <QDrag>
#include <QPointer>

namespace dnas::ui {

Qt::DropAction ItemDrag::start(QAbstractItemView* view, Qt::DropActions supported,
                               Qt::DropAction defaultAction, const Exec& exec) {
    QModelIndexList indexes;
    for (const QModelIndex& i : view->selectionModel()->selectedIndexes())
        if (i.flags() & Qt::ItemIsDragEnabled)
            indexes << i;
    if (indexes.isEmpty())
        return Qt::IgnoreAction;
    QMimeData* data = view->model()->mimeData(indexes);
    if (!data)
        return Qt::IgnoreAction;

    QPointer<QDrag> drag = new QDrag(view);
    drag->setMimeData(data);
    // The first item's row as the picture under the cursor.
    const QRect rect = view->visualRect(indexes.first());
    drag->setPixmap(view->viewport()->grab(rect));
    drag->setHotSpot(QPoint(rect.width() / 2, rect.height() / 2));
    const Qt::DropAction result =
        exec ? exec(drag, supported, defaultAction) : drag->exec(supported, defaultAction);
    // QDrag::exec schedules the deletion itself; a replaced exec does not. Twice is harmless.
    if (drag)
        drag->deleteLater();
    return result;
}

} // namespace dnas::ui
