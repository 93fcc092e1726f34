// SPDX-License-Identifier: GPL-3.0-or-later
// "Search a Front" in the app: a sweep of two tiny target searches, each retrained by a one-epoch
// proxy recipe, run by the real engine as one background job of the main window's session.
#include "engine/search/SweepPlan.h"
#include "engine/util/JsonFile.h"
#include "ui/mainwindow/MainActions.h"
#include "ui/mainwindow/MainWindow.h"
#include "ui/mainwindow/SearchMenu.h"
#include "ui/mainwindow/SearchStatusWidget.h"
#include "ui/mainwindow/SearchViews.h"
#include "ui/plots/ParetoPlot.h"
#include "ui/runs/RunComparison.h"
#include "ui/runs/RunsModel.h"
#include "ui/runs/RunsPanel.h"
#include "ui/search/EngineJobFactory.h"
#include "ui/search/SearchSession.h"
#include "ui/study/StudyDocument.h"

#include "tests/support/TinySweep.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <qcustomplot.h>

using namespace dnas;
using namespace dnas::ui;

namespace {
constexpr int kSweepTimeoutMs = 120000; // two tiny searches and retrainings, on a busy machine

using testsupport::sweepStudy;
using testsupport::twoTargets;

struct Harness {
    QTemporaryDir dir;
    MainWindow window{std::make_unique<EngineJobFactory>()};
    QStringList errors;
    Harness() {
        window.setErrorReporter([this](const QString&, const QString& text) { errors << text; });
        window.document()->reset(sweepStudy());
        QString error;
        window.document()->saveAs(dir.filePath(QStringLiteral("tiny.study.json")), &error);
    }
    SearchSession* session() { return window.searchSession(); }
    RunsModel* runs() { return window.runsPanel()->model(); }
};
} // namespace

class SearchFrontTest : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("dnas-studio-test"));
        QCoreApplication::setApplicationName(QStringLiteral("SearchFrontTest"));
    }

    // Two targets as one job: the views follow each target's search, both run folders end in
    // the study and the Runs panel, finished and retrained, and the retrained nets show as
    // stars on the Pareto plot (the shown run's own, and each ticked run's).
    void sweepListsEachTargetsRunAndShowsItsRetrainedNet() {
        Harness h;
        const SweepPlan plan = twoTargets(h.window.document()->study());
        QSignalSpy runStarted(h.session(), &SearchSession::runStarted);
        QSignalSpy targetDone(h.session(), &SearchSession::sweepTargetDone);
        QSignalSpy finished(h.session(), &SearchSession::finished);
        QStringList statusSeen;
        auto* status = h.window.findChild<SearchStatusWidget*>();
        QVERIFY(status);
        connect(h.session(), &SearchSession::stepsUpdated, this,
                [&] { statusSeen << status->text(); });
        ParetoPlot* pareto = h.window.searchViews()->pareto();
        QCOMPARE(pareto->retrainedMark()->dataCount(), 0);

        QVERIFY(h.window.searchMenu()->startSweep(plan));
        QVERIFY(h.session()->isSweeping());
        QVERIFY(!h.window.actions()->searchFront->isEnabled());
        QVERIFY(finished.wait(kSweepTimeoutMs));
        QVERIFY2(h.errors.isEmpty(), qPrintable(h.errors.join('\n')));
        QCOMPARE(runStarted.size(), 2);
        QCOMPARE(targetDone.size(), 2);
        QVERIFY(std::any_of(statusSeen.begin(), statusSeen.end(), [](const QString& s) {
            return s.startsWith(QStringLiteral("target 2 of 2"));
        }));

        QCOMPARE(status->text(), QStringLiteral("Sweep done: 2 targets"));
        QCOMPARE(status->progress(), 1000);
        QCOMPARE(int(h.window.document()->study().runs.size()), 2);
        QCOMPARE(h.runs()->count(), 2);
        for (int row = 0; row < 2; ++row) {
            const RunsModel::Entry& e = h.runs()->entry(row);
            QVERIFY2(e.record, qPrintable(e.error));
            QCOMPARE(QFileInfo(e.dir).fileName(),
                     QString::fromStdString(plan.folderName(size_t(row))));
            QCOMPARE(e.record->state, RunState::Finished);
            QVERIFY(e.record->found);
            QVERIFY(e.record->retrained);
            QCOMPARE(e.record->retrained->kind, RetrainKind::Proxy);
        }
        // The shown run is the last target's: its retrained net is the star.
        QCOMPARE(RunsModel::clean(h.session()->runDir()), h.runs()->entry(1).dir);
        const RunRecord& last = *h.runs()->entry(1).record;
        QTRY_COMPARE(pareto->retrainedMark()->dataCount(), 1);
        const auto star = pareto->retrainedMark()->data()->begin();
        QCOMPARE(star->key, last.found->cost);
        QCOMPARE(star->value, 100 * last.retrained->test_accuracy); // percent

        // Ticked, both runs overlay the Pareto plot, each with its retrained star.
        h.runs()->setChecked(h.runs()->entry(0).dir, true);
        h.runs()->setChecked(h.runs()->entry(1).dir, true);
        h.window.runComparison()->update();
        QCOMPARE(pareto->overlayCount(), 2);
        for (int run = 0; run < 2; ++run)
            QCOMPARE(pareto->overlay(run).retrained->dataCount(), 1);
        const nlohmann::json sweep =
            readJsonFile(QDir(QFileInfo(h.runs()->entry(0).dir).absolutePath())
                             .filePath(QString::fromLatin1(SweepPlan::kSweepFile))
                             .toStdString());
        QCOMPARE(int(sweep["runs"].size()), 2);
    }

    // Stopped in its second target's search, the same sweep started again continues in the same
    // folder at that target: the first is neither searched nor retrained again.
    void stoppedSweepStartedAgainResumesAtTheTargetItWasOn() {
        Harness h;
        const SweepPlan plan = twoTargets(h.window.document()->study());
        int target = -1;
        connect(h.session(), &SearchSession::sweepTargetStarted, this,
                [&](const SweepTarget& t) { target = t.index; });
        auto stopper = connect(h.session(), &SearchSession::stepsUpdated, this, [&] {
            if (target == 1)
                h.session()->stop();
        });
        QSignalSpy finished(h.session(), &SearchSession::finished);
        QVERIFY(h.window.searchMenu()->startSweep(plan));
        QVERIFY(finished.wait(kSweepTimeoutMs));
        disconnect(stopper);
        QCOMPARE(target, 1);
        auto* status = h.window.findChild<SearchStatusWidget*>();
        QVERIFY(status->text().startsWith(QStringLiteral("Sweep stopped at target 2 of 2")));
        QCOMPARE(h.runs()->count(), 2);
        const QString first = h.runs()->entry(0).dir;
        const QString second = h.runs()->entry(1).dir;
        QVERIFY(QFileInfo::exists(first + QStringLiteral("/proxy/train.json")));
        QVERIFY(QFileInfo::exists(second + QStringLiteral("/checkpoint.pt")));
        QVERIFY(!QFileInfo::exists(second + QStringLiteral("/final/summary.json")));
        const auto stopped = h.window.searchMenu()->stoppedSweep(&plan);
        QVERIFY(stopped);
        QCOMPARE(stopped->done, 1);
        QCOMPARE(stopped->dir, QFileInfo(first).absolutePath());
        const QDateTime firstSearched =
            QFileInfo(first + QStringLiteral("/metrics.jsonl")).lastModified();
        const QDateTime firstTrained =
            QFileInfo(first + QStringLiteral("/proxy/train.json")).lastModified();

        std::vector<SweepTarget> started;
        connect(h.session(), &SearchSession::sweepTargetStarted, this,
                [&](const SweepTarget& t) { started.push_back(t); });
        QSignalSpy runStarted(h.session(), &SearchSession::runStarted);
        QVERIFY(h.window.searchMenu()->startSweep(plan));
        QVERIFY(finished.wait(kSweepTimeoutMs));
        QVERIFY2(h.errors.isEmpty(), qPrintable(h.errors.join('\n')));
        QCOMPARE(int(started.size()), 2);
        QVERIFY(started[0].searched);
        QVERIFY(started[1].resumed);
        QCOMPARE(runStarted.size(), 1); // only the second target's search is shown
        QCOMPARE(RunsModel::clean(runStarted.first().first().toString()), second);
        QCOMPARE(QFileInfo(first + QStringLiteral("/metrics.jsonl")).lastModified(), firstSearched);
        QCOMPARE(QFileInfo(first + QStringLiteral("/proxy/train.json")).lastModified(),
                 firstTrained);
        QVERIFY(QFileInfo::exists(second + QStringLiteral("/proxy/train.json")));
        QCOMPARE(h.runs()->count(), 2); // the same two runs, not two new ones
        QVERIFY(!h.window.searchMenu()->stoppedSweep(&plan));
    }
};

QTEST_MAIN(SearchFrontTest)
#include "SearchFrontTest.moc"
