// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/ProxyChain.h"

#include <QAbstractProxyModel>
#include <QSortFilterProxyModel>
#include <vector>

namespace dnas::ui {

QModelIndex ProxyChain::fromSource(const QAbstractItemModel* outer,
                                   const QModelIndex& sourceIndex) {
    std::vector<const QAbstractProxyModel*> chain; // outermost first
    const QAbstractItemModel* m = outer;
    while (m && m != sourceIndex.model()) {
        const auto* proxy = qobject_cast<const QAbstractProxyModel*>(m);
        if (!proxy)
            return {};
        chain.push_back(proxy);
        m = proxy->sourceModel();
    }
    if (!m)
        return {};
    QModelIndex idx = sourceIndex;
    for (auto it = chain.rbegin(); it != chain.rend() && idx.isValid(); ++it)
        idx = (*it)->mapFromSource(idx);
    return idx;
}

QModelIndex ProxyChain::toSource(const QModelIndex& index, const QAbstractItemModel* source) {
    QModelIndex idx = index;
    while (idx.isValid() && idx.model() != source) {
        const auto* proxy = qobject_cast<const QAbstractProxyModel*>(idx.model());
        if (!proxy)
            return {};
        idx = proxy->mapToSource(idx);
    }
    return idx;
}

void ProxyChain::clearFilters(QAbstractItemModel* outer, const QAbstractItemModel* source) {
    for (QAbstractItemModel* m = outer; m && m != source;) {
        auto* proxy = qobject_cast<QAbstractProxyModel*>(m);
        if (!proxy)
            return;
        if (auto* sfp = qobject_cast<QSortFilterProxyModel*>(proxy))
            sfp->setFilterRegularExpression(QRegularExpression());
        m = proxy->sourceModel();
    }
}

} // namespace dnas::ui
