// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lut/LutMeasureController.h"
#include "engine/cost/LutMeasurer.h"
#include "tests/support/QuickTiming.h"
#include "tests/ui/lut/LutTestSupport.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <memory>
#include <set>

using namespace dnas;
using namespace dnas::ui;
using testsupport::LutFixture;
using testsupport::quickTiming;
using testsupport::slowTiming;

namespace {
constexpr int kWaitMs = 120000; // a loaded 2-core machine; a measurement here takes ~1 s
constexpr size_t kLeftMissing = 3;

} // namespace

class LutMeasureControllerTest : public QObject {
    Q_OBJECT
    QTemporaryDir cache_;

  private slots:
    void initTestCase() {
        QVERIFY(cache_.isValid());
        testsupport::usePrivateLutCache(cache_);
    }

    void measuresTheMissingCellsOffTheGuiThread() {
        const SearchSpace space = testsupport::tinySpace();
        LutFixture f(space, QStringLiteral("auto")); // empty: nothing measured in this cache
        f.ops.setTimingOptions(quickTiming());
        // A LUT with every signature but the last kLeftMissing, typed in by hand.
        const auto all = LatencyTable::signaturesFor(space);
        std::vector<std::pair<QModelIndex, std::optional<double>>> cells;
        std::set<std::string> keep;
        for (size_t i = 0; i + kLeftMissing < all.size(); ++i)
            keep.insert(all[i].key());
        for (int r = 0; r < f.model.rowCount(); ++r)
            for (int c = 0; c < f.model.columnCount(); ++c)
                if (auto sig = f.model.signatureAt(f.model.index(r, c));
                    sig && keep.count(sig->key()))
                    cells.emplace_back(f.model.index(r, c), 100.0 + r + c);
        QVERIFY(f.model.setCells(cells, QStringLiteral("fill")));
        QCOMPARE(f.doc.table().missing(space).size(), kLeftMissing);
        const std::string before = f.doc.json();

        QSignalSpy progress(&f.ops, &LutOperations::measureProgress);
        QSignalSpy finished(&f.ops, &LutOperations::measureFinished);
        const auto todo = f.ops.signaturesFor(LutOperations::Scope::Missing, {});
        QCOMPARE(todo.size(), kLeftMissing);
        QVERIFY(f.ops.measure(todo));
        QVERIFY(f.ops.isMeasuring());
        QVERIFY(!f.ops.measure(todo)); // one at a time
        QVERIFY(finished.wait(kWaitMs));

        const auto outcome = finished.front().front().value<LutMeasureOutcome>();
        QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
        QCOMPARE(outcome.measured, int(kLeftMissing));
        QVERIFY(!outcome.cancelled);
        // One report before each signature in each round and one at the end, in order.
        const int steps = int(kLeftMissing) * kDefaultMeasureRounds;
        QCOMPARE(progress.count(), steps + 1);
        for (int i = 0; i < progress.count(); ++i) {
            QCOMPARE(progress.at(i).at(0).toInt(), i);
            QCOMPARE(progress.at(i).at(1).toInt(), steps);
            QCOMPARE(progress.at(i).at(2).toString().isEmpty(), i == steps);
        }
        QVERIFY(f.doc.table().missing(space).empty());
        for (size_t i = all.size() - kLeftMissing; i < all.size(); ++i) {
            const LutEntry& e = f.doc.table().at(all[i]);
            QVERIFY(e.latency_us > 0.0);
            QCOMPARE(e.samples, 5 * kDefaultMeasureRounds); // every round's runs
            // The lowest round's p50 is at most the pooled p90 (at most the pooled median, in
            // fact), but not always at least the pooled p10: one round that ran fast while the
            // others were slowed lies under most of the pooled runs.
            QVERIFY(*e.p10_us > 0.0 && *e.p10_us <= *e.p90_us);
            QVERIFY(e.latency_us <= *e.p90_us);
        }
        // The measurement's anchor (the machine's speed for these blocks) came with it.
        QCOMPARE(f.doc.table().anchors.count(space.name), size_t(1));
        QVERIFY(f.doc.table().anchors.at(space.name).us > 0.0);
        QCOMPARE(f.undo.count(), 2); // the fill and the measurement
        f.undo.undo();
        QCOMPARE(f.doc.json(), before);
        QVERIFY(f.doc.table().anchors.empty());
    }

    void aMeasurementJoinsTheTablesTimeBasis() {
        const SearchSpace space = testsupport::tinySpace();
        // Blocks no anchor net uses (it takes each layer's middle candidate) are missing; the
        // others were timed at 7 µs while the anchor took 20 µs. The fake clock times everything
        // at 10 µs now: the machine runs twice as fast, so the new blocks count 20 µs.
        const std::vector<OpSignature> late = {blockSignature(space, 0, "skip"),
                                               blockSignature(space, 1, "k3_e1"),
                                               blockSignature(space, 2, "k3_e1_g2")};
        LatencyTable t;
        t.device = {{"name", "here"}, {"kind", "measured"}};
        for (const auto& sig : LatencyTable::signaturesFor(space))
            if (std::find(late.begin(), late.end(), sig) == late.end())
                t.set(testsupport::lutEntry(sig, 7.0));
        t.anchors[space.name] = LutAnchor::stamped(LutAnchor::architectureFor(space), 20.0, 1, 1);
        const QString path = cache_.filePath(QStringLiteral("anchored.lut.json"));
        t.save(path.toStdString());
        LutFixture f(space, path);
        const std::string before = f.doc.json();
        TimingOptions o = quickTiming(1);
        o.warmup = 0;
        auto reads = std::make_shared<size_t>(0);
        auto now = std::make_shared<double>(100.0);
        o.clock = [reads, now] { return *now += (*reads)++ % 2 == 1 ? 10e-6 : 1.0; };
        f.ops.setTimingOptions(o);
        QSignalSpy finished(&f.ops, &LutOperations::measureFinished);
        QSignalSpy message(&f.ops, &LutOperations::message);
        QVERIFY(f.ops.measure(f.ops.signaturesFor(LutOperations::Scope::Missing, {})));
        QVERIFY(finished.wait(kWaitMs));
        QVERIFY(f.doc.table().missing(space).empty());
        for (const auto& sig : late)
            QVERIFY2(std::abs(f.doc.table().at(sig).latency_us - 20.0) < 1e-6,
                     sig.describe().c_str());
        QCOMPARE(f.doc.table().anchors.at(space.name).us, 20.0); // the table's anchor stays
        QVERIFY(!message.isEmpty());
        const QString text = message.back().at(0).toString();
        QVERIFY2(text.contains(QStringLiteral("divided by the machine's drift 0.500")),
                 qPrintable(text));
        f.undo.undo(); // one step, with its anchor
        QCOMPARE(f.doc.json(), before);
    }

    void aCancelKeepsWhatWasMeasured() {
        const SearchSpace space = testsupport::tinySpace();
        LutFixture f(space, QStringLiteral("auto")); // empty: nothing measured in this cache
        f.ops.setTimingOptions(slowTiming());
        QSignalSpy finished(&f.ops, &LutOperations::measureFinished);
        // Cancel once the first signature is done, as a user pressing Cancel would.
        connect(&f.ops, &LutOperations::measureProgress, &f.ops, [&f](int done) {
            if (done >= 1)
                f.ops.cancelMeasure();
        });
        const auto todo = f.ops.signaturesFor(LutOperations::Scope::All, {});
        QVERIFY(f.ops.measure(todo));
        QVERIFY(finished.wait(kWaitMs));
        const auto outcome = finished.front().front().value<LutMeasureOutcome>();
        QVERIFY(outcome.cancelled);
        QVERIFY(outcome.measured >= 1);
        QVERIFY(outcome.measured < int(todo.size()));
        QCOMPARE(outcome.requested, int(todo.size()));
        QCOMPARE(f.doc.table().size(), size_t(outcome.measured));
        QVERIFY(!f.ops.isMeasuring());
        // The first measurement into an empty LUT names this machine as its device.
        QCOMPARE(f.doc.table().device.value("kind", ""), std::string("measured"));
        QVERIFY(f.doc.table().device.contains("cpu"));
    }

    void aControllerDestroyedMidMeasurementStops() {
        LutMeasureController controller;
        QSignalSpy progress(&controller, &LutMeasureController::progress);
        QVERIFY(controller.start({testsupport::tinySpace(),
                                  LatencyTable::signaturesFor(testsupport::tinySpace()),
                                  slowTiming()}));
        QVERIFY(progress.wait(kWaitMs));
        // The destructor cancels and joins the thread: the test ends instead of hanging.
    }
};

QTEST_MAIN(LutMeasureControllerTest)
#include "LutMeasureControllerTest.moc"
