// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/runs/RunsModel.h"

#include "tests/ui/runs/RunFolderFixture.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>

using namespace dnas;
using namespace dnas::ui;
namespace fs = std::filesystem;

namespace {
QString cell(const RunsModel& m, int row, int column) {
    return m.data(m.index(row, column)).toString();
}
} // namespace

class RunsModelTest : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    std::string root() const { return tmp_.path().toStdString(); }

  private slots:
    void initTestCase() { QVERIFY(tmp_.isValid()); }

    void readsNameStateFoundAndAccuracyFromFolders() {
        const Study study = testsupport::cifarStudy(3);
        const auto done = testsupport::writeRun(root(), "done", study, 1);
        const auto stopped = testsupport::writeRun(root(), "stopped", study, 2, false);
        // Stopped long ago: its log has not moved for longer than a search's step.
        fs::last_write_time(stopped.dir + "/metrics.jsonl",
                            fs::file_time_type::clock::now() - std::chrono::hours(1));
        const auto running = testsupport::writeRun(root(), "running", study, 3, false);
        RunsModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.setStudyRuns({QString::fromStdString(done.dir), QString::fromStdString(stopped.dir),
                        QString::fromStdString(running.dir)});
        QCOMPARE(m.rowCount(), 3);
        QCOMPARE(cell(m, 0, RunsModel::Name), QStringLiteral("done"));
        QCOMPARE(cell(m, 0, RunsModel::Space), QStringLiteral("fbnet-cifar"));
        QCOMPARE(cell(m, 0, RunsModel::Cost),
                 QStringLiteral("latency · hw-nas-bench/pixel3-cifar100"));
        QCOMPARE(cell(m, 0, RunsModel::State), QStringLiteral("finished"));
        QCOMPARE(cell(m, 0, RunsModel::Found), QString::fromStdString(done.delivered.arch));
        QCOMPARE(cell(m, 0, RunsModel::OneShot),
                 QString::number(done.delivered.accuracy * 100, 'f', 1) + QLatin1Char('%'));
        QVERIFY(cell(m, 0, RunsModel::Retrained).isEmpty());
        QCOMPARE(cell(m, 1, RunsModel::State), QStringLiteral("stopped (3/3 epochs)"));
        QVERIFY(cell(m, 1, RunsModel::Found).isEmpty());
        QVERIFY(cell(m, 2, RunsModel::State).startsWith(QStringLiteral("running")));
        // The session's live run reads "running" whatever its log's age.
        m.setLiveRun(QString::fromStdString(stopped.dir));
        QVERIFY(cell(m, 1, RunsModel::State).startsWith(QStringLiteral("running")));
    }

    void aTargetShowsItsCostAndTheQuantileItCameFrom() {
        Study study = testsupport::cifarStudy(2);
        study.settings.loss = LossKind::Target;
        study.settings.target = 1234.0;
        const auto plain = testsupport::writeRun(root(), "plain-target", study, 1);
        study.settings.target_quantile = 0.15;
        const auto quantile = testsupport::writeRun(root(), "quantile-target", study, 2);
        RunsModel m;
        m.setStudyRuns({QString::fromStdString(plain.dir), QString::fromStdString(quantile.dir)});
        QCOMPARE(cell(m, 0, RunsModel::Target), QStringLiteral("1234 µs"));
        QCOMPARE(cell(m, 1, RunsModel::Target),
                 QStringLiteral("1234 µs (15 % of the space below)"));
    }

    void aBrokenFolderIsListedWithItsErrorAndHidesNothing() {
        const Study study = testsupport::cifarStudy(2);
        const auto good = testsupport::writeRun(root(), "good", study, 1);
        const auto bad = testsupport::writeRun(root(), "bad", study, 2);
        writeJsonFileAtomic(bad.dir + "/final/summary.json",
                            {{"format", "dnas-search-summary/1"}, {"argmax", {{"arch", 5}}}});
        RunsModel m;
        m.setStudyRuns({QString::fromStdString(bad.dir), QString::fromStdString(good.dir)});
        QCOMPARE(m.rowCount(), 2);
        const QString error = m.data(m.index(0, RunsModel::Found), Qt::ToolTipRole).toString();
        QVERIFY2(error.contains(QStringLiteral("final/summary.json")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("arch")), qPrintable(error));
        QCOMPARE(cell(m, 0, RunsModel::State), QStringLiteral("unreadable"));
        QCOMPARE(cell(m, 1, RunsModel::State), QStringLiteral("finished"));
        QVERIFY(!m.addFolder(QString::fromStdString(good.dir))); // already listed
    }

    void aRetrainedAccuracyAppearsOnceTrainJsonIsWritten() {
        const auto run = testsupport::writeRun(root(), "retrain", testsupport::cifarStudy(2), 4);
        RunsModel m;
        QVERIFY(m.addFolder(QString::fromStdString(run.dir)));
        m.setChecked(QString::fromStdString(run.dir), true);
        QSignalSpy updated(&m, &RunsModel::runsUpdated);
        m.refresh();
        QCOMPARE(updated.count(), 0); // nothing changed
        testsupport::writeTrain(run.dir, 0.5, "proxy");
        m.refresh();
        QCOMPARE(updated.count(), 1);
        QCOMPARE(cell(m, 0, RunsModel::Retrained), QStringLiteral("50.00% (proxy)"));
        testsupport::writeTrain(run.dir, 0.8765); // the study's recipe wins over the proxy
        m.refresh();
        QCOMPARE(updated.count(), 2);
        QCOMPARE(cell(m, 0, RunsModel::Retrained), QStringLiteral("87.65% (full)"));
        QCOMPARE(m.checkedRecords().front().retrained->test_accuracy, 0.8765);
    }

    void tickedRunsGetTheirOwnColours() {
        const Study study = testsupport::cifarStudy(2);
        const auto a = testsupport::writeRun(root(), "a", study, 1);
        const auto b = testsupport::writeRun(root(), "b", study, 2);
        RunsModel m;
        m.setStudyRuns({QString::fromStdString(a.dir)});
        m.addFolder(QString::fromStdString(b.dir));
        QSignalSpy checked(&m, &RunsModel::checkedChanged);
        QVERIFY(m.setData(m.index(0, RunsModel::Name), Qt::Checked, Qt::CheckStateRole));
        QVERIFY(m.setData(m.index(1, RunsModel::Name), Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(checked.count(), 2);
        QCOMPARE(m.checkedDirs().size(), 2);
        QVERIFY(m.colour(0).isValid() && m.colour(1).isValid());
        QVERIFY(m.colour(0) != m.colour(1));
        // The study's list changing keeps the opened folder and the ticks.
        m.setStudyRuns({QString::fromStdString(a.dir)});
        QCOMPARE(m.rowCount(), 2);
        QCOMPARE(m.checkedDirs().size(), 2);
        QCOMPARE(m.entry(1).source, RunsModel::Source::Opened);
    }
};

QTEST_MAIN(RunsModelTest)
#include "RunsModelTest.moc"
