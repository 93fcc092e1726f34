// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QModelIndex>

class QAbstractItemModel;

namespace dnas::ui {

// Index mapping through a chain of QAbstractProxyModels (a table's sort/filter proxy over the
// candidates model), so views on different levels of the chain can share one selection model.
class ProxyChain {
  public:
    // sourceIndex (of `source`, somewhere below `outer`) as an index of `outer`; invalid when a
    // proxy filters it out or `outer` does not sit on `source`.
    static QModelIndex fromSource(const QAbstractItemModel* outer, const QModelIndex& sourceIndex);
    // index (of any model in the chain) as an index of `source`; invalid when not on the chain.
    static QModelIndex toSource(const QModelIndex& index, const QAbstractItemModel* source);
    // Drops the filter of every QSortFilterProxyModel between outer and source.
    static void clearFilters(QAbstractItemModel* outer, const QAbstractItemModel* source);
};

} // namespace dnas::ui
