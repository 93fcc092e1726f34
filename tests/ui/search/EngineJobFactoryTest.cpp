// SPDX-License-Identifier: GPL-3.0-or-later
// The controller driving the real engine: a tiny Fashion-MNIST search, stopped and resumed.
#include "ui/search/EngineJobFactory.h"
#include "engine/search/Study.h"
#include "ui/search/SearchSession.h"

#include <QDir>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace dnas;
using namespace dnas::ui;

namespace {
constexpr int kEpochs = 2;
constexpr int kRunTimeoutMs = 240000; // a tiny search on a loaded 2-core machine

Study tinyStudy() {
    Study s = Study::defaultStudy();
    s.cost.kind = "macs"; // no LUT to measure
    s.cost.lut.clear();
    s.settings.epochs = kEpochs;
    s.settings.warmup_epochs = 1;
    s.settings.batch_size = 64;
    s.settings.limit = 640;
    s.settings.eval_limit = 128;
    s.settings.samples_per_epoch = 2;
    s.settings.mode = SearchMode::Sampled;
    s.settings.threads = 1;
    return s;
}
} // namespace

class EngineJobFactoryTest : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        const auto path = Study::defaultStudy().dataset.value("path", std::string());
        if (!QFileInfo::exists(QString::fromStdString(path)))
            QSKIP("Fashion-MNIST is not installed");
    }

    void runsStopsAndResumesARealSearch() {
        QTemporaryDir dir;
        const QString runDir = dir.filePath("run");
        SearchSession c(std::make_unique<EngineJobFactory>());
        QSignalSpy steps(&c, &SearchSession::stepsUpdated);
        QSignalSpy epochs(&c, &SearchSession::epochAdded);
        QSignalSpy errors(&c, &SearchSession::errorOccurred);
        QSignalSpy finished(&c, &SearchSession::finished);

        QVERIFY(c.start(tinyStudy(), runDir));
        QVERIFY(steps.wait(kRunTimeoutMs));
        c.stop();
        QVERIFY(finished.wait(kRunTimeoutMs));
        QVERIFY2(errors.isEmpty(),
                 errors.isEmpty() ? "" : qPrintable(errors.first().first().toString()));
        QVERIFY(QFileInfo::exists(runDir + "/study.json"));
        const int epochsBeforeStop = int(epochs.count());
        QVERIFY(epochsBeforeStop < kEpochs);

        QVERIFY(c.resumeRun(runDir));
        QVERIFY(finished.wait(kRunTimeoutMs));
        QVERIFY2(errors.isEmpty(),
                 errors.isEmpty() ? "" : qPrintable(errors.first().first().toString()));
        QCOMPARE(epochs.last().first().value<EpochMetrics>().epoch, kEpochs - 1);
        QVERIFY(QFileInfo::exists(runDir + "/final"));
    }

    void aBadDatasetIsReportedWithWhere() {
        QTemporaryDir dir;
        Study s = tinyStudy();
        s.dataset["path"] = "/nonexistent/fashion-mnist";
        SearchSession c(std::make_unique<EngineJobFactory>());
        QSignalSpy errors(&c, &SearchSession::errorOccurred);
        QSignalSpy finished(&c, &SearchSession::finished);
        QVERIFY(c.start(s, dir.filePath("run")));
        QVERIFY(finished.wait(kRunTimeoutMs));
        QCOMPARE(errors.count(), 1);
        QVERIFY2(errors.first().first().toString().contains("/nonexistent/fashion-mnist"),
                 qPrintable(errors.first().first().toString()));
    }
};

QTEST_MAIN(EngineJobFactoryTest)
#include "EngineJobFactoryTest.moc"
