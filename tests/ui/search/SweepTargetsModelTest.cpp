// SPDX-License-Identifier: GPL-3.0-or-later
// A sweep's target list: sorted, refusing what a sweep cannot search (not a positive number,
// outside the space's range, a second target in the same run folder) with the reason.
#include "ui/search/SweepTargetsModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>
#include <vector>

using namespace dnas;
using namespace dnas::ui;

namespace {
// A latency plan: targets in ms over a LUT range of 0.1-2 ms.
SweepPlan msPlan() {
    SweepPlan p;
    p.unit = "ms";
    p.to_cost = 1000.0;
    return p;
}
const std::pair<double, double> kRange{0.1, 2.0};

QString lastRefusal(const QSignalSpy& spy) {
    return spy.isEmpty() ? QString() : spy.last().first().toString();
}
} // namespace

class SweepTargetsModelTest : public QObject {
    Q_OBJECT
  private slots:
    void keepsTheTargetsSortedAndDropsDuplicates() {
        SweepTargetsModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.setUnit(msPlan(), kRange, true);
        m.setTargets({0.9, 0.3, 1.5, 0.3});
        QCOMPARE(m.targets(), (std::vector<double>{0.3, 0.9, 1.5}));
        QCOMPARE(m.rowCount(), 3);
        QCOMPARE(m.index(0).data().toString(), QStringLiteral("0.3 ms"));
        QCOMPARE(m.index(2).data(Qt::EditRole).toDouble(), 1.5);
        QVERIFY(
            m.index(1).data(Qt::ToolTipRole).toString().contains(QStringLiteral("target-0.900ms")));
        QVERIFY(m.flags(m.index(0)) & Qt::ItemIsEditable);
        QVERIFY(m.problem().isEmpty());

        // An edit moves the target to where it sorts.
        QSignalSpy moved(&m, &QAbstractItemModel::rowsMoved);
        QVERIFY(m.setData(m.index(0), QStringLiteral("1.2")));
        QCOMPARE(m.targets(), (std::vector<double>{0.9, 1.2, 1.5}));
        QCOMPARE(moved.size(), 1);
        QVERIFY(m.setData(m.index(2), 0.2));
        QCOMPARE(m.targets(), (std::vector<double>{0.2, 0.9, 1.2}));
        QVERIFY(m.setData(m.index(1), 1.0)); // stays in its row
        QCOMPARE(m.targets(), (std::vector<double>{0.2, 1.0, 1.2}));
        QCOMPARE(moved.size(), 2);

        QCOMPARE(m.addTarget(0.5), 1);
        QCOMPARE(m.targets(), (std::vector<double>{0.2, 0.5, 1.0, 1.2}));
        QVERIFY(m.removeRows(1, 2));
        QCOMPARE(m.targets(), (std::vector<double>{0.2, 1.2}));
    }

    void refusesABadValueADuplicateAndOneOutsideTheRange() {
        SweepTargetsModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.setUnit(msPlan(), kRange, true);
        m.setTargets({0.5, 0.9});
        QSignalSpy refused(&m, &SweepTargetsModel::refused);
        QSignalSpy changed(&m, &SweepTargetsModel::targetsChanged);
        const std::vector<double> before = m.targets();

        QVERIFY(!m.setData(m.index(0), QStringLiteral("fast")));
        QCOMPARE(lastRefusal(refused), QStringLiteral("“fast” is not a positive number."));
        QVERIFY(!m.setData(m.index(0), QStringLiteral("0")));
        QVERIFY(lastRefusal(refused).contains(QStringLiteral("not a positive number")));
        QVERIFY(!m.setData(m.index(0), QStringLiteral("-0.4")));
        QVERIFY(lastRefusal(refused).contains(QStringLiteral("not a positive number")));

        // Outside the range: the message gives the range and says whose it is.
        QVERIFY(!m.setData(m.index(0), QStringLiteral("2.5")));
        QCOMPARE(lastRefusal(refused),
                 QStringLiteral("2.5 ms lies outside the space's range under the study's LUT "
                                "(0.1–2 ms)."));
        QVERIFY(!m.setData(m.index(1), QStringLiteral("0.05")));
        QVERIFY(lastRefusal(refused).contains(QStringLiteral("(0.1–2 ms)")));

        // The same target twice, or two that would search in one run folder.
        QVERIFY(!m.setData(m.index(0), QStringLiteral("0.9")));
        QCOMPARE(lastRefusal(refused), QStringLiteral("0.9 ms is already listed."));
        QVERIFY(!m.setData(m.index(0), QStringLiteral("0.9002")));
        QVERIFY2(lastRefusal(refused).contains(QStringLiteral("target-0.900ms")),
                 qPrintable(lastRefusal(refused)));
        QCOMPARE(m.addTarget(0.5), -1);
        QCOMPARE(lastRefusal(refused), QStringLiteral("0.5 ms is already listed."));
        QCOMPARE(m.addTarget(3.0), -1);

        QCOMPARE(refused.size(), 9);
        QCOMPARE(changed.size(), 0);
        QCOMPARE(m.targets(), before);
        // The value a row already has is no duplicate of itself.
        QVERIFY(m.setData(m.index(1), QStringLiteral("0.9")));
        QCOMPARE(refused.size(), 9);
    }

    void aCostModelsRangeIsWordedAsItsOwn() {
        SweepTargetsModel m;
        SweepPlan macs;
        macs.unit = "MMAC";
        m.setUnit(macs, std::make_pair(10.0, 300.0), false);
        m.setTargets({50.0});
        QCOMPARE(m.check(400.0),
                 QStringLiteral("400 MMAC lies outside the space's cost range (10–300 MMAC)."));
    }

    // A stopped sweep's target outside the range (its LUT since remeasured) stays, flagged.
    void aListedTargetOutsideTheRangeIsTheProblem() {
        SweepTargetsModel m;
        m.setUnit(msPlan(), kRange, true);
        m.setTargets({0.5, 2.4});
        QCOMPARE(m.targets(), (std::vector<double>{0.5, 2.4}));
        QVERIFY(m.problem().contains(QStringLiteral("2.4 ms lies outside")));
        QVERIFY(m.index(1).data(Qt::ForegroundRole).isValid());
        QVERIFY(!m.index(0).data(Qt::ForegroundRole).isValid());
        QVERIFY(m.setData(m.index(1), 1.5));
        QVERIFY(m.problem().isEmpty());
    }

    // Add starts from the geometric middle of the widest gap, rounded as users type.
    void suggestsATargetInTheWidestGap() {
        SweepTargetsModel m;
        m.setUnit(msPlan(), kRange, true);
        QCOMPARE(m.suggestion(), std::optional<double>(0.4472)); // √(0.1·2)
        m.setTargets({0.2, 0.4});
        QCOMPARE(m.suggestion(), std::optional<double>(0.8944)); // √(0.4·2): ratio 5
        SweepTargetsModel none;
        none.setUnit(msPlan(), std::nullopt, true);
        QCOMPARE(none.suggestion(), std::optional<double>(1.0));
    }
};

QTEST_MAIN(SweepTargetsModelTest)
#include "SweepTargetsModelTest.moc"
