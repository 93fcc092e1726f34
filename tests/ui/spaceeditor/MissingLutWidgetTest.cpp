// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/spaceeditor/MissingLutWidget.h"
#include "engine/cost/LatencyTable.h"
#include "engine/cost/LutCache.h"
#include "engine/cost/LutMeasurer.h"
#include "tests/support/TinyStudy.h"
#include "ui/space/SpaceSummaryWidget.h"
#include "ui/spaceeditor/LutMeasureTask.h"
#include "ui/spaceeditor/SpaceEditor.h"
#include "ui/spaceeditor/SpaceEditorPanel.h"
#include "ui/study/StudyDocument.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

using namespace dnas;
using namespace dnas::ui;

namespace {
constexpr int kMeasureTimeoutMs = 120000; // LibTorch's first use on a loaded 2-core machine

// One untimed-warm-up-free run per signature: this checks the plumbing, not the timings.
TimingOptions quick() {
    TimingOptions o;
    o.warmup = 0;
    o.repeats = 1;
    o.min_repeats = 1;
    o.budget_s = 0;
    o.threads = 1;
    return o;
}

Study machineStudy() {
    Study st = testsupport::tinyStudy();
    st.cost.kind = "latency";
    st.cost.lut = LutCache::kAuto;
    return st;
}
} // namespace

class MissingLutWidgetTest : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { qputenv("DNAS_CACHE_DIR", cache_.path().toUtf8()); }

    void measuresWhatIsMissingOffTheGuiThread() {
        StudyDocument doc;
        doc.reset(machineStudy());
        SpaceEditorPanel panel(&doc);
        MissingLutWidget* w = panel.missingLut();
        LutMeasureTask* task = w->task();
        task->setTimingOptions(quick());
        const size_t need = LatencyTable::signaturesFor(doc.study().space).size();
        QVERIFY2(
            w->statusText().startsWith(QStringLiteral("%1 signature(s) not measured").arg(need)),
            qPrintable(w->statusText()));
        QVERIFY(w->measureButton()->isEnabled());

        // Cancelled at the first signature: nothing measured, and it says so.
        QSignalSpy finished(task, &LutMeasureTask::finished);
        auto stop = connect(task, &LutMeasureTask::progress, task, &LutMeasureTask::cancel,
                            Qt::DirectConnection);
        QTest::mouseClick(w->measureButton(), Qt::LeftButton);
        QVERIFY(task->isRunning());
        QVERIFY(!w->measureButton()->isEnabled());
        QVERIFY(finished.wait(kMeasureTimeoutMs));
        QCOMPARE(finished.takeFirst().at(0).toBool(), false);
        QVERIFY(w->statusText().contains("Cancelled"));
        disconnect(stop);

        QThread* worker = nullptr;
        int reports = 0;
        connect(
            task, &LutMeasureTask::progress, task,
            [&](int, int total, const QString&) {
                worker = QThread::currentThread();
                reports = total;
            },
            Qt::DirectConnection);
        QVERIFY(w->measure());
        QVERIFY(finished.wait(kMeasureTimeoutMs));
        QCOMPARE(finished.takeFirst().at(0).toBool(), true);
        QVERIFY(worker && worker != QThread::currentThread());
        QCOMPARE(size_t(reports), need * kDefaultMeasureRounds); // each block once a round
        const auto lut = LutCache::load();
        QVERIFY(lut);
        QVERIFY(lut->missing(doc.study().space).empty());
        QVERIFY2(w->statusText().startsWith(QStringLiteral("The LUT covers every candidate")),
                 qPrintable(w->statusText()));
        QVERIFY(!w->measureButton()->isEnabled());
        QVERIFY2(panel.summary()->latencyText().contains("(LUT: auto)"),
                 qPrintable(panel.summary()->latencyText()));

        // A wider layer needs new shapes: missing again.
        QVERIFY(panel.editor()->setCOut(2, 24));
        const size_t missing = lut->missing(doc.study().space).size();
        QVERIFY(missing > 0);
        QVERIFY2(
            w->statusText().startsWith(QStringLiteral("%1 signature(s) not measured").arg(missing)),
            qPrintable(w->statusText()));
        QVERIFY(!panel.summary()->missingText().isEmpty());
    }

    void anotherDevicesLutIsNotMeasuredHere() {
        Study st = machineStudy();
        st.cost.lut = "hw-nas-bench/pixel3-cifar100";
        StudyDocument doc;
        doc.reset(st);
        SpaceEditor editor(&doc);
        MissingLutWidget w(&editor);
        QVERIFY2(w.statusText().contains("only this machine's LUT"), qPrintable(w.statusText()));
        QVERIFY(!w.measureButton()->isEnabled());
        QVERIFY(w.measureButton()->toolTip().contains("mix devices"));
        QVERIFY(!w.measure());
    }

  private:
    QTemporaryDir cache_;
};

QTEST_MAIN(MissingLutWidgetTest)
#include "MissingLutWidgetTest.moc"
