// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/ProbabilityHistory.h"
#include "tests/ui/plots/PlotTestData.h"

#include <QtTest>
#include <cmath>

using dnas::ui::ProbabilityHistory;

class ProbabilityHistoryTest : public QObject {
    Q_OBJECT
    dnas::SearchSpace space_ = dnas::SearchSpace::load("fbnet");

  private slots:
    void keepsEveryEpochOnSharedColumns() {
        ProbabilityHistory h;
        h.setColumnOrder(space_);
        QCOMPARE(h.ops().size(), size_t(9));
        for (int e = 0; e < 3; ++e)
            h.add(dnas::test::makeEpoch(space_, e, 1));
        QCOMPARE(h.size(), 3);
        const auto m = dnas::test::makeEpoch(space_, 1, 1);
        const auto& s = h.at(1);
        QCOMPARE(s.epoch, 1);
        QCOMPARE(s.probs.size(), size_t(22));
        for (size_t i = 0; i < m.layers[4].ops.size(); ++i)
            QCOMPARE(s.probs[4][static_cast<size_t>(h.column(m.layers[4].ops[i]))],
                     m.layers[4].probs[i]);
        QCOMPARE(s.entropy[4], m.layers[4].entropy);
    }

    void unknownOpsWidenEveryMatrix() {
        ProbabilityHistory h;
        dnas::EpochMetrics a;
        a.layers = {{{"k3_e1", "skip"}, {0.25, 0.75}, 0.5}, {{"k3_e1"}, {1.0}, 0.0}};
        h.add(a);
        dnas::EpochMetrics b = a;
        b.layers[1] = {{"k7_e4", "k3_e1"}, {0.5, 0.5}, 0.69};
        h.add(b);
        QCOMPARE(h.ops().size(), size_t(3));
        QCOMPARE(h.column("k7_e4"), 2);
        for (int e = 0; e < 2; ++e)
            for (const auto& row : h.at(e).probs)
                QCOMPARE(row.size(), size_t(3));
        QVERIFY(std::isnan(h.at(0).probs[1][2]));
        QCOMPARE(h.at(1).probs[1][2], 0.5);
        QVERIFY(std::isnan(h.at(1).probs[0][2])); // layer 0 never offers k7_e4
    }

    void reorderingColumnsKeepsValues() {
        ProbabilityHistory h;
        dnas::EpochMetrics a;
        a.layers = {{{"skip", "k5_e6", "k3_e1"}, {0.2, 0.3, 0.5}, 1.0}};
        h.add(a);
        QCOMPARE(h.ops().front(), std::string("skip"));
        dnas::SearchSpace s = space_;
        s.layers = {s.layers[0]};
        s.layers[0].candidates = {"k3_e1", "k5_e6", "skip"};
        h.setColumnOrder(s);
        QCOMPARE(h.ops(), (std::vector<std::string>{"k3_e1", "k5_e6", "skip"}));
        QCOMPARE(h.at(0).probs[0], (std::vector<double>{0.5, 0.3, 0.2}));
        h.clear();
        QVERIFY(h.empty());
    }
};

QTEST_MAIN(ProbabilityHistoryTest)
#include "ProbabilityHistoryTest.moc"
