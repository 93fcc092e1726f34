// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lut/LutEditor.h"
#include "engine/cost/LutProvenance.h"
#include "tests/ui/lut/LutTestSupport.h"
#include "ui/lut/LutCheckRecord.h"
#include "ui/lut/LutEditorToolBar.h"
#include "ui/mainwindow/MainWindow.h"
#include "ui/search/EngineJobFactory.h"
#include "ui/study/StudyDocument.h"

#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QGuiApplication>
#include <QItemSelectionModel>
#include <QLabel>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>
#include <limits>

using namespace dnas;
using namespace dnas::ui;

namespace {
using testsupport::cifarStudy;
using testsupport::kPixel3Lut;

void select(QTableView* view, int top, int left, int bottom, int right) {
    const auto* m = view->model();
    view->selectionModel()->select(QItemSelection(m->index(top, left), m->index(bottom, right)),
                                   QItemSelectionModel::ClearAndSelect);
}
} // namespace

class LutEditorTest : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

  private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        testsupport::usePrivateLutCache(dir_);
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("dnas-studio-test"));
        QCoreApplication::setApplicationName(QStringLiteral("LutEditorTest"));
    }

    void copyPasteAndClearGoThroughTheClipboard() {
        StudyDocument study;
        study.reset(cifarStudy());
        LutEditor editor(&study);
        QStringList errors;
        editor.setErrorReporter([&](const QString&, const QString& t) { errors << t; });
        LutTableModel* m = editor.model();
        select(editor.view(), 1, 0, 2, 1);
        editor.copySelection();
        const QString copied = QGuiApplication::clipboard()->text();
        QCOMPARE(copied.count('\n'), 2);
        QCOMPARE(copied.count('\t'), 2);
        // Paste the block two layers down: those cells now hold the copied values.
        select(editor.view(), 5, 3, 5, 3);
        editor.pasteClipboard();
        QCOMPARE(study.undoStack()->count(), 1);
        for (int r = 0; r < 2; ++r)
            for (int c = 0; c < 2; ++c)
                QCOMPARE(m->data(m->index(5 + r, 3 + c), LutTableModel::RawValueRole),
                         m->data(m->index(1 + r, c), LutTableModel::RawValueRole));
        QGuiApplication::clipboard()->setText(QStringLiteral("oops"));
        editor.pasteClipboard();
        QCOMPARE(errors.size(), 1);
        QCOMPARE(study.undoStack()->count(), 1);
        select(editor.view(), 1, 0, 1, 2);
        editor.clearSelection();
        QCOMPARE(m->data(m->index(1, 1), LutTableModel::MissingRole).toBool(), true);
        QCOMPARE(study.undoStack()->count(), 2);
    }

    void savingTheStudySavesTheLut() {
        StudyDocument study;
        study.reset(cifarStudy());
        LutEditor editor(&study);
        QVERIFY(editor.saveIfModified()); // nothing to save
        QVERIFY(editor.model()->setData(editor.model()->index(1, 0), 11.0));
        int asked = 0;
        editor.setSavePathPrompt([&] {
            ++asked;
            return asked == 1 ? QString() : dir_.filePath("study.lut.json");
        });
        QVERIFY(!editor.saveIfModified()); // the user cancelled the file dialog
        QVERIFY(editor.document()->isModified());
        QVERIFY(editor.saveIfModified());
        QCOMPARE(asked, 2);
        QVERIFY(!editor.document()->isModified());
        QCOMPARE(QString::fromStdString(study.study().cost.lut), dir_.filePath("study.lut.json"));
        // With a file of its own, the LUT is written there without asking.
        QVERIFY(editor.model()->setData(editor.model()->index(1, 0), 12.0));
        QVERIFY(editor.saveIfModified());
        QCOMPARE(asked, 2);
        QCOMPARE(LatencyTable::load(dir_.filePath("study.lut.json").toStdString())
                     .at(blockSignature(study.study().space, 0, "k3_e1"))
                     .latency_us,
                 12.0);
    }

    void theCostBoxShowsAndChangesTheStudysCostModel() {
        StudyDocument study;
        study.reset(cifarStudy());
        LutEditor editor(&study);
        QComboBox* cost = editor.toolBar()->cost;
        QCOMPARE(cost->currentIndex(), 0);
        QVERIFY(editor.operations()->setCostKind(QStringLiteral("params")));
        QCOMPARE(cost->currentIndex(), 3);
        study.undoStack()->undo();
        QCOMPARE(cost->currentIndex(), 0);
        // Pixel 3 has no energy: the energy entry is disabled.
        auto* items = qobject_cast<QStandardItemModel*>(cost->model());
        QVERIFY(items && !items->item(1)->isEnabled());
    }

    void aLutMeasuredWithOtherSettingsShowsAWarningStrip() {
        // The Pixel 3 table comes from elsewhere on purpose: no warning.
        StudyDocument study;
        study.reset(cifarStudy());
        LutEditor editor(&study);
        QVERIFY(editor.provenanceWarning().isEmpty());
        QVERIFY(editor.findChild<QLabel*>(QStringLiteral("lutProvenanceWarning"))->isHidden());

        // One measured here, but with other threads than this machine times with.
        const MeasurementSettings here = editor.operations()->settingsHere();
        LatencyTable t = LatencyTable::load(kPixel3Lut);
        t.device = {{"name", "elsewhere"}, {"kind", "measured"}, {"threads", here.threads + 3},
                    {"batch", here.batch}, {"cpu", here.cpu},    {"libtorch", here.libtorch},
                    {"blas", here.blas}};
        const QString path = dir_.filePath(QStringLiteral("threads.lut.json"));
        t.save(path.toStdString());
        QVERIFY(editor.operations()->openLut(path));
        QVERIFY(!editor.findChild<QLabel*>(QStringLiteral("lutProvenanceWarning"))->isHidden());
        QVERIFY2(editor.provenanceWarning().contains(
                     QStringLiteral("%1 thread(s)").arg(here.threads + 3)),
                 qPrintable(editor.provenanceWarning()));
        QVERIFY(!editor.provenanceWarning().contains(QStringLiteral("batch")));
        study.undoStack()->undo(); // back to the Pixel 3 table: the strip goes
        QVERIFY(editor.findChild<QLabel*>(QStringLiteral("lutProvenanceWarning"))->isHidden());
    }

    void theLastCheckKeptInTheLutShowsWhenItIsOpened() {
        LatencyTable t = LatencyTable::load(kPixel3Lut);
        LutCheckReport report;
        report.share_within_10pct = 0.9;
        report.median_rel_err = 0.031;
        report.p90_rel_err = 0.089;
        report.kendall_tau = 0.93;
        report.noise_floor = std::numeric_limits<double>::quiet_NaN();
        report.retest_tau = 0.87;
        t.provenance[LutCheckRecord::kKey] =
            LutCheckRecord::of(report, "fbnet-cifar", true, 2, 1, QDateTime::currentDateTimeUtc())
                .toJson();
        const QString path = dir_.filePath(QStringLiteral("checked.lut.json"));
        t.save(path.toStdString());
        StudyDocument study;
        study.reset(cifarStudy(path.toStdString()));
        LutEditor editor(&study);
        const QString text = editor.lastCheckText();
        QVERIFY2(text.contains(QStringLiteral("within ±10 %: 90.0 %")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("τ 0.930")));
        QVERIFY(text.contains(QStringLiteral("noise floor undefined")));
        QVERIFY(text.contains(QStringLiteral("retest τ 0.870")));
        QVERIFY(text.contains(QStringLiteral("calibrated")));

        // A record written before the retest τ was kept reads back without it.
        t.provenance[LutCheckRecord::kKey].erase("retest_tau");
        t.save(path.toStdString());
        LutEditor older(&study);
        QVERIFY(older.lastCheckText().contains(QStringLiteral("τ 0.930")));
        QVERIFY2(!older.lastCheckText().contains(QStringLiteral("retest")),
                 qPrintable(older.lastCheckText()));

        // A hand-broken record is named, not dropped silently.
        t.provenance[LutCheckRecord::kKey]["date"] = "yesterday";
        t.save(path.toStdString());
        LutEditor again(&study); // opens the file anew

        QVERIFY2(again.lastCheckText().contains(QStringLiteral("last_check.date")),
                 qPrintable(again.lastCheckText()));
    }

    void theSavedCheckShowsItsDriftWhenReopened() {
        LatencyTable t = LatencyTable::load(kPixel3Lut);
        LutCheckReport report;
        report.share_within_10pct = 0.8;
        report.median_rel_err = 0.05;
        report.p90_rel_err = 0.12;
        report.kendall_tau = 0.9;
        report.noise_floor = 0.01;
        // Three nets whose LUT sums are 10 % low: the machine ran 10 % slower than the anchor.
        for (int i = 0; i < 3; ++i) {
            LutCheckRow row;
            row.lut_us = 1000.0 + 100.0 * i;
            row.measured_us = 1.1 * row.lut_us;
            report.rows.push_back(row);
        }
        report.drift.status = LutDriftStatus::Measured;
        report.drift.stored = LutAnchor::stamped(
            LutAnchor::architectureFor(SearchSpace::load("fbnet-cifar")), 2000.0, 2, 1);
        report.drift.arch = report.drift.stored->arch;
        report.drift.anchor_us = {2250.0, 2200.0, 2300.0};
        report.drift.factor = 1.1;
        report.drift.spread = 100.0 / 2200.0;
        t.provenance[LutCheckRecord::kKey] =
            LutCheckRecord::of(report, "fbnet-cifar", false, 2, 1, QDateTime::currentDateTimeUtc())
                .toJson();
        const QString path = dir_.filePath(QStringLiteral("drift.lut.json"));
        t.save(path.toStdString());
        StudyDocument study;
        study.reset(cifarStudy(path.toStdString()));
        LutEditor editor(&study);
        const QString text = editor.lastCheckText();
        QVERIFY2(text.contains(QStringLiteral("machine drift ×1.100")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("anchor now 2.200 ms / stored 2.000 ms")));
        QVERIFY(text.contains(QStringLiteral("over 3 timings")));
        // The LUT's sums times the drift are the measured times: all within the band.
        QVERIFY2(text.contains(QStringLiteral("LUT × drift: within ±10 %: 100.0 %")),
                 qPrintable(text));

        // A check without an anchor says so, and how to add one.
        LutCheckReport bare = report;
        bare.drift = LutDrift{};
        t.provenance[LutCheckRecord::kKey] =
            LutCheckRecord::of(bare, "fbnet-cifar", false, 2, 1, QDateTime::currentDateTimeUtc())
                .toJson();
        t.save(path.toStdString());
        LutEditor unknown(&study);
        QVERIFY2(unknown.lastCheckText().contains(
                     QStringLiteral("machine drift unknown: no anchor stored for the space")),
                 qPrintable(unknown.lastCheckText()));
        QVERIFY(unknown.lastCheckText().contains(QStringLiteral("dnas lut anchor")));

        // A check saved before the anchor existed shows as it did.
        t.provenance[LutCheckRecord::kKey].erase("drift");
        t.save(path.toStdString());
        LutEditor older(&study);
        QVERIFY(older.lastCheckText().contains(QStringLiteral("within ±10 %: 80.0 %")));
        QVERIFY(!older.lastCheckText().contains(QStringLiteral("drift")));

        // A hand-broken drift is named with its field.
        t.provenance[LutCheckRecord::kKey] =
            LutCheckRecord::of(report, "fbnet-cifar", false, 2, 1, QDateTime::currentDateTimeUtc())
                .toJson();
        t.provenance[LutCheckRecord::kKey]["drift"]["factor"] = -1.0;
        t.save(path.toStdString());
        LutEditor broken(&study);
        QVERIFY2(broken.lastCheckText().contains(QStringLiteral("last_check.drift.factor")),
                 qPrintable(broken.lastCheckText()));
    }

    void theMainWindowHasALutTabOnTheStudysStack() {
        MainWindow window(std::make_unique<EngineJobFactory>());
        window.setErrorReporter([](const QString&, const QString&) {});
        window.document()->reset(cifarStudy());
        LutEditor* editor = window.findChild<LutEditor*>();
        QVERIFY(editor);
        QVERIFY(window.views()->indexOf(editor) >= 0);
        QCOMPARE(editor->document()->ref(), QString::fromLatin1(kPixel3Lut));
        QVERIFY(editor->model()->setData(editor->model()->index(1, 0), 5.0));
        QCOMPARE(window.document()->undoStack()->count(), 1);
        QVERIFY(window.document()->isModified());
    }
};

QTEST_MAIN(LutEditorTest)
#include "LutEditorTest.moc"
