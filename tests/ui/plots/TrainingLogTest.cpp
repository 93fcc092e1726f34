// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/TrainingLog.h"
#include "tests/ui/plots/PlotTestData.h"

#include <QtTest>

using dnas::ui::TrainingLog;

class TrainingLogTest : public QObject {
    Q_OBJECT
    dnas::SearchSpace space_ = dnas::SearchSpace::load("fbnet");

  private slots:
    void positionsFollowTheDataSplit() {
        dnas::StepMetrics m;
        m.epoch = 2;
        m.steps_in_phase = 10;
        m.step = 5;
        m.phase = dnas::StepPhase::Weights;
        QCOMPARE(TrainingLog::stepPosition(m), 2.4);
        m.phase = dnas::StepPhase::Theta;
        QCOMPARE(TrainingLog::stepPosition(m), 2.9);
        m.phase = dnas::StepPhase::Warmup;
        QCOMPARE(TrainingLog::stepPosition(m), 2.5);
        m.phase = dnas::StepPhase::Finalists; // after the last epoch's end
        QCOMPARE(TrainingLog::stepPosition(m), 3.0);
        m.phase = dnas::StepPhase::Warmup;
        m.steps_in_phase = 0; // never divides by zero
        QCOMPARE(TrainingLog::stepPosition(m), 2.0);
    }

    void csvInterleavesEpochsAfterTheirSteps() {
        TrainingLog log;
        for (int e = 0; e < 3; ++e) {
            log.addSteps(dnas::test::makeSteps(e, 4));
            log.addEpoch(dnas::test::makeEpoch(space_, e, 1));
        }
        QVERIFY(log.epochs().front().layers.empty()); // the heatmap keeps those
        const auto t = log.csv();
        QCOMPARE(t.rows.size(), 3 * 8 + 3);
        QCOMPARE(t.header.size(), t.rows.front().size());
        QCOMPARE(t.rows[8][0], QString("1")); // epoch 0's row follows its 8 steps
        QCOMPARE(t.rows[8][3], QString());
        QCOMPARE(t.rows[7][3], QString("theta"));
        QCOMPARE(log.lastPosition(), 3.0);
        log.clear();
        QCOMPARE(log.csv().rows.size(), 0);
        QCOMPARE(log.lastPosition(), 1.0);
    }
};

QTEST_MAIN(TrainingLogTest)
#include "TrainingLogTest.moc"
