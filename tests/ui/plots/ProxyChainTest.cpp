// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/ProxyChain.h"

#include <QIdentityProxyModel>
#include <QSortFilterProxyModel>
#include <QStringListModel>
#include <QtTest>

using dnas::ui::ProxyChain;

class ProxyChainTest : public QObject {
    Q_OBJECT
  private slots:
    void mapsThroughTwoProxies() {
        QStringListModel source({"c", "a", "b", "skip"});
        QSortFilterProxyModel sorted;
        sorted.setSourceModel(&source);
        sorted.sort(0);
        QIdentityProxyModel outer;
        outer.setSourceModel(&sorted);
        const QModelIndex a = ProxyChain::fromSource(&outer, source.index(1, 0));
        QVERIFY(a.isValid());
        QCOMPARE(a.model(), &outer);
        QCOMPARE(a.row(), 0); // "a" sorts first
        QCOMPARE(ProxyChain::toSource(a, &source).row(), 1);
        QCOMPARE(ProxyChain::fromSource(&source, source.index(2, 0)).row(), 2); // no proxy
    }

    void filteredRowsAreInvalidUntilFiltersClear() {
        QStringListModel source({"k3_e1", "skip"});
        QSortFilterProxyModel filtered;
        filtered.setSourceModel(&source);
        filtered.setFilterFixedString("skip");
        QVERIFY(!ProxyChain::fromSource(&filtered, source.index(0, 0)).isValid());
        ProxyChain::clearFilters(&filtered, &source);
        QVERIFY(ProxyChain::fromSource(&filtered, source.index(0, 0)).isValid());
    }

    void unrelatedModelsDoNotMap() {
        QStringListModel a({"x"}), b({"y"});
        QVERIFY(!ProxyChain::fromSource(&b, a.index(0, 0)).isValid());
        QVERIFY(!ProxyChain::toSource(b.index(0, 0), &a).isValid());
    }
};

QTEST_MAIN(ProxyChainTest)
#include "ProxyChainTest.moc"
