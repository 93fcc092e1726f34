// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <Qt>
#include <functional>

class QAbstractItemView;
class QDrag;

namespace dnas::ui {

// Starts a drag of an item view's selected items, as QAbstractItemView::startDrag does, with
// two differences: nothing is removed after a move (the space editor's drop makes the whole
// edit, as one undo step), and QDrag::exec can be replaced. QDrag::exec is modal, returning
// only when the mouse is released, so tests pass an Exec that delivers the drop events to the
// target view themselves and returns the action it accepted.
class ItemDrag {
  public:
    using Exec = std::function<Qt::DropAction(QDrag* drag, Qt::DropActions supported,
                                              Qt::DropAction defaultAction)>;

    // IgnoreAction when nothing draggable is selected or the drop was refused.
    static Qt::DropAction start(QAbstractItemView* view, Qt::DropActions supported,
                                Qt::DropAction defaultAction, const Exec& exec);
};

} // namespace dnas::ui
