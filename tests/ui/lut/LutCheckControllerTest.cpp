// SPDX-License-Identifier: GPL-3.0-or-later
// The LUT editor's Check and Calibrate: LutOperations on the check thread (LutCheckController),
// the scatter of a check (LutCheckPlot) and the summary kept in the LUT (LutCheckRecord).
#include "ui/lut/LutCheckController.h"
#include "engine/cost/LutCache.h"
#include "engine/cost/LutChecker.h"
#include "tests/support/QuickTiming.h"
#include "tests/ui/lut/LutTestSupport.h"
#include "ui/lut/LutCheckPlot.h"
#include "ui/lut/LutCheckRecord.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <qcustomplot.h>

using namespace dnas;
using namespace dnas::ui;
using testsupport::LutFixture;
using testsupport::quickTiming;
using testsupport::slowTiming;

namespace {
constexpr int kWaitMs = 120000; // a loaded 2-core machine; a check here takes ~1 s
constexpr int kNets = 6;        // a few nets: these tests check the plumbing, not the numbers
constexpr int kCalibrationNets = 8;
constexpr double kBlockUs = 20.0; // every cell: the sums need not be right, only complete

// A fixture whose LUT holds every signature of the tiny space.
void fill(LutFixture& f) {
    LutDocument::State s = f.doc.state();
    for (const auto& sig : LatencyTable::signaturesFor(f.doc.space()))
        s.table.set(testsupport::lutEntry(sig, kBlockUs));
    f.doc.restore(s);
}

bool samePoints(QVector<QPointF> a, QVector<QPointF> b) {
    const auto less = [](const QPointF& p, const QPointF& q) {
        return p.x() < q.x() || (p.x() == q.x() && p.y() < q.y());
    };
    std::sort(a.begin(), a.end(), less);
    std::sort(b.begin(), b.end(), less);
    return a == b;
}
} // namespace

class LutCheckControllerTest : public QObject {
    Q_OBJECT
    QTemporaryDir cache_;

  private slots:
    void initTestCase() {
        QVERIFY(cache_.isValid());
        testsupport::usePrivateLutCache(cache_);
    }

    void aCheckTimesNNetsKeepsItsSummaryAndPlotsEveryRow() {
        LutFixture f(testsupport::tinySpace(), QStringLiteral("auto"));
        fill(f);
        f.ops.setTimingOptions(quickTiming(1));
        QSignalSpy started(&f.ops, &LutOperations::checkStarted);
        QSignalSpy progress(&f.ops, &LutOperations::checkProgress);
        QSignalSpy finished(&f.ops, &LutOperations::checkFinished);
        QVERIFY(f.ops.check(kNets));
        QVERIFY(f.ops.isChecking());
        QVERIFY(!f.ops.check(kNets));                                        // one at a time
        QVERIFY(!f.ops.measure(LatencyTable::signaturesFor(f.doc.space()))); // nor a measurement
        QVERIFY(finished.wait(kWaitMs));
        QVERIFY(!f.ops.isChecking());

        const auto outcome = finished.front().front().value<LutCheckOutcome>();
        QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
        QVERIFY(!outcome.cancelled);
        QVERIFY(!outcome.calibrated);
        QCOMPARE(outcome.report.rows.size(), size_t(kNets));
        QCOMPARE(outcome.space, std::string("tiny"));
        const int timings = LutCheckOptions::kDefaultPasses * kNets; // one a net a pass
        QCOMPARE(started.front().at(1).toInt(), timings);
        QCOMPARE(progress.count(), timings + 1);
        QCOMPARE(progress.back().at(0).toInt(), timings);
        for (const auto& row : outcome.report.rows) {
            QVERIFY(row.measured_us > 0.0);
            QVERIFY(row.first_us > 0.0 && row.second_us > 0.0);
        }

        // The summary is kept in the LUT, one undo step, and written with it.
        QCOMPARE(f.undo.count(), 1);
        const auto record = LutCheckRecord::from(f.doc.table().provenance, "test");
        QVERIFY(record);
        QCOMPARE(record->networks, kNets);
        QCOMPARE(record->space, std::string("tiny"));
        QCOMPARE(record->share_within, outcome.report.share_within_10pct);
        QCOMPARE(outcome.threads, quickTiming(1).threads);
        QCOMPARE(record->threads, quickTiming(1).threads);
        // The filled LUT has no anchor: the saved check says so, and why.
        QVERIFY(record->drift);
        QCOMPARE(record->drift->status, LutDriftStatus::NoAnchor);
        QVERIFY(record->driftSummary().contains(QStringLiteral("dnas lut anchor")));
        QVERIFY(QString::fromStdString(f.doc.json()).contains(LutCheckRecord::kKey));
        f.undo.undo();
        QVERIFY(!LutCheckRecord::from(f.doc.table().provenance, "test"));

        // The scatter: one point per row at (LUT ms, measured ms), the hover names the net.
        LutCheckPlot plot;
        plot.resize(600, 450);
        plot.setReport(outcome.report, QStringLiteral("summary"));
        plot.plot()->replot(QCustomPlot::rpImmediateRefresh);
        QVector<QPointF> expected;
        for (const auto& row : outcome.report.rows)
            expected.push_back({row.lut_us / 1000.0, row.measured_us / 1000.0});
        QCOMPARE(plot.plottedPoints().size(), kNets);
        QVERIFY(samePoints(plot.plottedPoints(), expected));
        QCOMPARE(plot.summaryText(), QStringLiteral("summary"));
        const auto& first = outcome.report.rows.front();
        const QPointF at(plot.plot()->xAxis->coordToPixel(first.lut_us / 1000.0),
                         plot.plot()->yAxis->coordToPixel(first.measured_us / 1000.0));
        const int hovered = plot.rowAt(at);
        QVERIFY(hovered >= 0);
        QVERIFY(plot.toolTipFor(hovered).contains(
            QString::fromStdString(outcome.report.rows[size_t(hovered)].arch.toString())));
        QCOMPARE(plot.rowAt(QPointF(-100, -100)), -1);
    }

    void aCancelStopsTheCheckAndKeepsNothing() {
        LutFixture f(testsupport::tinySpace(), QStringLiteral("auto"));
        fill(f);
        f.ops.setTimingOptions(slowTiming(1));
        QSignalSpy finished(&f.ops, &LutOperations::checkFinished);
        connect(&f.ops, &LutOperations::checkProgress, &f.ops, [&f](int done) {
            if (done >= 1)
                f.ops.cancelCheck();
        });
        QVERIFY(f.ops.check(kNets));
        QVERIFY(finished.wait(kWaitMs));
        const auto outcome = finished.front().front().value<LutCheckOutcome>();
        QVERIFY(outcome.cancelled);
        QVERIFY(outcome.report.rows.size() < size_t(kNets));
        QVERIFY(!f.ops.isChecking());
        QCOMPARE(f.undo.count(), 0);
    }

    void aCalibrationIsStoredAsOneUndoStepAndCheckUsesIt() {
        LutFixture f(testsupport::tinySpace(), QStringLiteral("auto"));
        fill(f);
        f.ops.setTimingOptions(quickTiming(1));
        QSignalSpy finished(&f.ops, &LutOperations::checkFinished);
        QVERIFY(f.ops.calibrate(kCalibrationNets));
        QVERIFY(finished.wait(kWaitMs));
        const auto outcome = finished.front().front().value<LutCheckOutcome>();
        QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
        QVERIFY(outcome.calibration);
        QCOMPARE(outcome.calibration->networks, kCalibrationNets);
        QVERIFY(f.doc.table().calibratedFor(std::string("tiny")));
        // The filled LUT had no anchor: the one timed beside the nets is its reference now.
        QVERIFY(outcome.anchor);
        QCOMPARE(f.doc.table().anchors.count("tiny"), size_t(1));
        QCOMPARE(f.doc.table().anchors.at("tiny").us, outcome.anchor->us);
        QCOMPARE(f.undo.count(), 1);
        QVERIFY(f.doc.isModified());

        // A check now judges the calibrated view.
        finished.clear();
        QVERIFY(f.ops.check(2));
        QVERIFY(finished.wait(kWaitMs));
        QVERIFY(finished.front().front().value<LutCheckOutcome>().calibrated);
        QCOMPARE(f.undo.count(), 2);
        // With the anchor the calibration recorded, the saved check keeps the machine's drift.
        const auto record = LutCheckRecord::from(f.doc.table().provenance, "test");
        QVERIFY(record && record->drift);
        QVERIFY(record->drift->known());
        QCOMPARE(record->drift->factor,
                 finished.front().front().value<LutCheckOutcome>().report.drift.factor);

        QString error;
        QVERIFY2(f.doc.save(&error), qPrintable(error)); // into this machine's (test) cache
        QVERIFY(LutCache::load()->calibratedFor(std::string("tiny")));

        f.undo.undo();
        f.undo.undo();
        QVERIFY(!f.doc.table().calibratedFor(std::string("tiny")));
        QVERIFY(f.doc.table().anchors.empty()); // undone with the calibration
        // Saved again, the cache loses it too: its merge keeps only what others stored.
        QVERIFY2(f.doc.save(&error), qPrintable(error));
        QVERIFY(!LutCache::load()->calibratedFor(std::string("tiny")));
        QVERIFY(!LutCache::load()->missing(testsupport::tinySpace()).size());
    }

    void aLutMissingBlocksIsRefusedBeforeTiming() {
        LutFixture f(testsupport::tinySpace(), QStringLiteral("auto"));
        LutDocument::State empty = f.doc.state(); // the cache may hold a saved LUT by now
        empty.table = LatencyTable{};
        f.doc.restore(empty);
        QStringList errors;
        connect(&f.ops, &LutOperations::failed, &f.ops,
                [&errors](const QString&, const QString& text) { errors << text; });
        QVERIFY(!f.ops.check(kNets));
        QVERIFY(!f.ops.calibrate(kNets));
        QCOMPARE(errors.size(), 2);
        QVERIFY(errors.front().contains(QStringLiteral("tiny")));
        QVERIFY(!f.ops.isChecking());
    }

    void aControllerDestroyedMidCheckStops() {
        LutCheckController controller;
        QSignalSpy progress(&controller, &LutCheckController::progress);
        LutCheckRequest r;
        r.space = testsupport::tinySpace();
        for (const auto& sig : LatencyTable::signaturesFor(r.space))
            r.lut.set(testsupport::lutEntry(sig, kBlockUs));
        r.archs = kNets;
        r.timing = slowTiming(1);
        QVERIFY(controller.start(r));
        QVERIFY(progress.wait(kWaitMs));
        // The destructor cancels and joins the thread: the test ends instead of hanging.
    }
};

QTEST_MAIN(LutCheckControllerTest)
#include "LutCheckControllerTest.moc"
