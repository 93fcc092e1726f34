// SPDX-License-Identifier: GPL-3.0-or-later
// The Export dialog on a tiny run: retrain in the background, write the chosen formats, cancel,
// and errors that say what and where.
#include "ui/export/ExportDialog.h"
#include "engine/export/ArchDef.h"
#include "engine/util/JsonFile.h"
#include "tests/support/TinyStudy.h"
#include "ui/export/ExportController.h"

#include <QCheckBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

using namespace dnas;
using namespace dnas::ui;

namespace {
constexpr int kJobTimeoutMs = 300000; // retraining on a loaded 2-core machine
constexpr int kTickMs = 10;           // the GUI timer that must keep running during a job
const char* const kArch = "k3_e3-k5_e3-k3_e6";

// A run folder as far as export reads it: the frozen study.
QString writeRun(const QTemporaryDir& dir, const Study& study) {
    const QString run = dir.filePath(QStringLiteral("run"));
    QDir().mkpath(run);
    writeJsonFileAtomic((run + "/study.json").toStdString(), study.toJson());
    return run;
}

struct Harness {
    QTemporaryDir tmp;
    QString run;
    ExportDialog dialog;
    QStringList errors;
    explicit Harness(const Study& study = testsupport::tinyStudy(), const QString& arch = kArch)
        : run(writeRun(tmp, study)), dialog(run, arch) {
        dialog.setErrorReporter(
            [this](const QString& title, const QString& text) { errors << title + ": " + text; });
        dialog.outputEdit()->setText(tmp.filePath(QStringLiteral("out")));
    }
    QString out(const QString& file = {}) const {
        return file.isEmpty() ? tmp.filePath("out") : tmp.filePath("out/" + file);
    }
};
} // namespace

class ExportDialogTest : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        if (!QFileInfo::exists(QStringLiteral("/usr/share/datasets/fashion-mnist")))
            QSKIP("Fashion-MNIST is not installed");
    }

    void optionsStartFromTheStudysRetrainingRecipe() {
        Study study = testsupport::tinyStudy();
        study.train.epochs = 4;
        study.train.limit = 512;
        Harness h(study);
        QCOMPARE(h.dialog.epochsBox()->value(), 4);
        QCOMPARE(h.dialog.limitBox()->value(), 512);
        QCOMPARE(h.dialog.outputEdit()->text(), h.tmp.filePath("out"));
        for (const char* f : {"onnx", "torchscript", "ptl", "arch_def"})
            QVERIFY(h.dialog.formatBox(f)->isChecked());
    }

    void retrainsInTheBackgroundThenWritesEveryFormat() {
        Study study = testsupport::tinyStudy();
        study.train.label_smoothing = 0.0; // not the engine's default: the recipe is the study's
        Harness h(study);
        h.dialog.epochsBox()->setValue(1);
        h.dialog.limitBox()->setValue(256);
        ExportController* c = h.dialog.controller();
        QSignalSpy progress(c, &ExportController::trainProgress);
        QSignalSpy exported(c, &ExportController::exported);
        QSignalSpy finished(c, &ExportController::finished);
        int ticksWhileBusy = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, [&] { ticksWhileBusy += c->isBusy() ? 1 : 0; });
        ticker.start(kTickMs);

        QTest::mouseClick(h.dialog.exportButton(), Qt::LeftButton);
        QVERIFY(c->isBusy()); // the click returned at once: the job runs on its own thread
        QVERIFY(!h.dialog.exportButton()->isEnabled());
        QVERIFY(!h.dialog.epochsBox()->isEnabled());
        QVERIFY(finished.wait(kJobTimeoutMs));
        QVERIFY2(h.errors.isEmpty(), qPrintable(h.errors.join('\n')));
        QVERIFY(ticksWhileBusy > 0); // the GUI thread kept serving its timers
        QVERIFY(!progress.isEmpty());
        const auto last = progress.last().first().value<TrainProgress>();
        QCOMPARE(last.epochs, 1);
        QVERIFY(last.test_accuracy >= 0.0);

        QCOMPARE(exported.count(), 1);
        const auto result = exported.first().first().value<ExportResult>();
        QVERIFY(result.ok());
        for (const char* f : {"model.onnx", "model.pt", "model.ptl", "arch_def.json", "arch.json",
                              "model-card.json", "retrained/weights.pt", "retrained/train.json"})
            QVERIFY2(QFileInfo::exists(h.out(f)), f);

        // arch_def.json is the mobile-vision description of exactly this architecture.
        const Architecture arch = Architecture::parseString(kArch);
        const nlohmann::json archDef = readJsonFile(h.out("arch_def.json").toStdString());
        QVERIFY(archDef == ArchDef::write(study.space, arch));
        QVERIFY(ArchDef::read(archDef, "arch_def.json").arch.ops == arch.ops);
        // The exported weights are the retrained ones, with their test accuracy.
        const nlohmann::json card = readJsonFile(h.out("model-card.json").toStdString());
        QCOMPARE(QString::fromStdString(card["weights"].get<std::string>()),
                 h.out("retrained/weights.pt"));
        QCOMPARE(card["test_accuracy"].get<double>(), last.test_accuracy);
        QCOMPARE(card["architecture"].get<std::string>(), std::string(kArch));
        const nlohmann::json train = readJsonFile(h.out("retrained/train.json").toStdString());
        QCOMPARE(train["settings"]["label_smoothing"].get<double>(), 0.0);
        QCOMPARE(train["settings"]["epochs"].get<int>(), 1);
        QCOMPARE(train["settings"]["limit"].get<int>(), 256);

        QVERIFY(h.dialog.exportButton()->isEnabled());
        QCOMPARE(h.dialog.progressBar()->value(), h.dialog.progressBar()->maximum());
        const QString listed = h.dialog.resultsView()->toPlainText();
        for (const char* f : {"model.onnx", "model.pt", "model.ptl", "arch_def.json"})
            QVERIFY2(listed.contains(h.out(f)), qPrintable(listed));
    }

    void withoutRetrainingOnlyTheChosenFormatsAreWritten() {
        Harness h;
        h.dialog.epochsBox()->setValue(0);
        for (const char* f : {"onnx", "torchscript", "ptl"})
            h.dialog.formatBox(f)->setChecked(false);
        QSignalSpy progress(h.dialog.controller(), &ExportController::trainProgress);
        QSignalSpy finished(h.dialog.controller(), &ExportController::finished);
        QVERIFY(h.dialog.startExport());
        QVERIFY(finished.wait(kJobTimeoutMs));
        QVERIFY2(h.errors.isEmpty(), qPrintable(h.errors.join('\n')));
        QVERIFY(progress.isEmpty());
        QVERIFY(QFileInfo::exists(h.out("arch_def.json")));
        for (const char* f : {"model.onnx", "model.pt", "model.ptl", "retrained"})
            QVERIFY2(!QFileInfo::exists(h.out(f)), f);
        const nlohmann::json card = readJsonFile(h.out("model-card.json").toStdString());
        QCOMPARE(card["weights"].get<std::string>(), std::string("untrained"));
        QVERIFY(h.dialog.resultsView()->toPlainText().contains("untrained weights"));
    }

    void closingCancelsTheRetraining() {
        Harness h(testsupport::tinyStudy(3, 6400));
        h.dialog.epochsBox()->setValue(50); // far longer than the test waits
        h.dialog.show();
        ExportController* c = h.dialog.controller();
        QSignalSpy progress(c, &ExportController::trainProgress);
        QSignalSpy canceled(c, &ExportController::canceled);
        QSignalSpy exported(c, &ExportController::exported);
        QSignalSpy finished(c, &ExportController::finished);
        QVERIFY(h.dialog.startExport());
        QVERIFY(progress.wait(kJobTimeoutMs));
        h.dialog.reject();             // Cancel / Escape / the window's close button
        QVERIFY(h.dialog.isVisible()); // stays until the job has stopped
        QVERIFY(c->cancelRequested());
        QVERIFY(finished.wait(kJobTimeoutMs));
        QCOMPARE(canceled.count(), 1);
        QCOMPARE(exported.count(), 0);
        QVERIFY(h.errors.isEmpty());
        QVERIFY(!h.dialog.isVisible());
        QVERIFY(!QFileInfo::exists(h.out("model.onnx")));
        QVERIFY(!QFileInfo::exists(h.out("retrained/weights.pt")));
    }

    void errorsSayWhatAndWhere() {
        {
            Harness h;
            for (const char* f : {"onnx", "torchscript", "ptl", "arch_def"})
                h.dialog.formatBox(f)->setChecked(false);
            QVERIFY(!h.dialog.startExport());
            QCOMPARE(h.errors.size(), 1);
            QVERIFY2(h.errors.first().contains("format"), qPrintable(h.errors.first()));
        }
        {
            Harness h;
            QFile blocker(h.tmp.filePath("file"));
            QVERIFY(blocker.open(QIODevice::WriteOnly));
            blocker.close();
            const QString out = h.tmp.filePath("file/out");
            h.dialog.outputEdit()->setText(out);
            QVERIFY(!h.dialog.startExport());
            QCOMPARE(h.errors.size(), 1);
            QVERIFY2(h.errors.first().contains(out), qPrintable(h.errors.first()));
        }
        {
            Harness h(testsupport::tinyStudy(), QStringLiteral("k3_e3-k9_e9-k3_e6"));
            QVERIFY(!h.dialog.startExport());
            QCOMPARE(h.errors.size(), 1);
            QVERIFY2(h.errors.first().contains("k9_e9"), qPrintable(h.errors.first()));
        }
        {
            Study bad = testsupport::tinyStudy();
            bad.dataset["path"] = "/nonexistent/fashion-mnist";
            Harness h(bad);
            h.dialog.epochsBox()->setValue(1);
            QSignalSpy finished(h.dialog.controller(), &ExportController::finished);
            QVERIFY(h.dialog.startExport());
            QVERIFY(finished.wait(kJobTimeoutMs));
            QCOMPARE(h.errors.size(), 1);
            QVERIFY2(h.errors.first().contains("/nonexistent/fashion-mnist"),
                     qPrintable(h.errors.first()));
            QCOMPARE(h.dialog.statusLabel()->text(), QStringLiteral("Failed."));
        }
    }
};

QTEST_MAIN(ExportDialogTest)
#include "ExportDialogTest.moc"
