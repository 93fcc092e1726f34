// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/CandidatesModel.h"
#include "tests/ui/plots/PlotTestData.h"

#include <QAbstractItemModelTester>
#include <QSortFilterProxyModel>
#include <QtTest>

using dnas::ui::CandidatesModel;

class CandidatesModelTest : public QObject {
    Q_OBJECT
    dnas::SearchSpace space_ = dnas::SearchSpace::load("fbnet");

  private slots:
    void passesTheModelTester() {
        CandidatesModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(CandidatesModel::SortRole);
        proxy.sort(CandidatesModel::Cost);
        QAbstractItemModelTester proxyTester(
            &proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto sets = dnas::test::makeSamples(space_, 300, 6, 3);
        for (const auto& s : sets)
            model.addSamples(s);
        QCOMPARE(model.rowCount(), 300);
        QCOMPARE(model.columnCount(), static_cast<int>(CandidatesModel::ColumnCount));
        model.setFront({0, 5, 7});
        QVERIFY(model.isOnFront(5));
        QVERIFY(!model.isOnFront(6));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        model.addSamples(sets[0]);
        QCOMPARE(model.rowCount(), static_cast<int>(sets[0].samples.size()));
    }

    void sortsNumbersAsNumbers() {
        CandidatesModel model;
        dnas::SampleSet set;
        set.cost_unit = "us";
        for (double cost : {900.0, 10000.0, 25.0}) {
            dnas::SampledArchitecture a;
            a.arch = "k3_e1";
            a.cost = cost;
            set.samples.push_back(a);
        }
        model.addSamples(set);
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(CandidatesModel::SortRole);
        proxy.sort(CandidatesModel::Cost, Qt::AscendingOrder);
        QCOMPARE(proxy.index(0, CandidatesModel::Cost).data(CandidatesModel::SortRole).toDouble(),
                 25.0);
        QCOMPARE(proxy.index(2, CandidatesModel::Cost).data(CandidatesModel::SortRole).toDouble(),
                 10000.0);
        QCOMPARE(model.headerData(CandidatesModel::Cost, Qt::Horizontal).toString(), "Cost (us)");
        QCOMPARE(model.index(0, CandidatesModel::Arch).data().toString(), "k3_e1");
    }
};

QTEST_MAIN(CandidatesModelTest)
#include "CandidatesModelTest.moc"
