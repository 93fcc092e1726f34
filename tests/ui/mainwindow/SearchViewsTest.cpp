// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's live views fed by a real (tiny) engine search through SearchSession:
// what they show must be what the engine wrote to the run folder. Pause, stop and resume go
// through the window's actions, as a user would press them.
#include "ui/mainwindow/SearchViews.h"
#include "engine/search/SearchTypesJson.h"
#include "tests/support/TinyStudy.h"
#include "ui/mainwindow/MainActions.h"
#include "ui/mainwindow/MainWindow.h"
#include "ui/mainwindow/SearchMenu.h"
#include "ui/plots/CandidatesModel.h"
#include "ui/plots/CurvesPlot.h"
#include "ui/plots/ParetoPlot.h"
#include "ui/plots/ProbabilityHeatmap.h"
#include "ui/search/EngineJobFactory.h"
#include "ui/search/SearchSession.h"

#include <QAction>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <fstream>
#include <qcustomplot.h>
#include <set>

using namespace dnas;
using namespace dnas::ui;

namespace {
constexpr int kEpochs = 3;            // one warm-up epoch, two with θ steps and samples
constexpr int64_t kImages = 1280;     // 16 weight steps and 4 θ steps per epoch
constexpr int kRunTimeoutMs = 240000; // a tiny search on a loaded 2-core machine
constexpr int kQuietMs = 600;         // no step for this long: the worker is held by the pause
constexpr int kPauseWindowMs = 1500;  // and it must stay held this long

std::vector<nlohmann::json> readLines(const QString& path) {
    std::vector<nlohmann::json> out;
    std::ifstream in(path.toStdString());
    for (std::string line; std::getline(in, line);)
        if (!line.empty())
            out.push_back(nlohmann::json::parse(line));
    return out;
}

int64_t lastStep(const QSignalSpy& steps) {
    return steps.isEmpty()
               ? -1
               : steps.last().first().value<std::vector<StepMetrics>>().back().global_step;
}

// Values of a graph in order of its keys.
std::vector<double> values(const QCPGraph* g) {
    std::vector<double> out;
    for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it)
        out.push_back(it->value);
    return out;
}
} // namespace

class SearchViewsTest : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        if (!QFileInfo::exists(QStringLiteral("/usr/share/datasets/fashion-mnist")))
            QSKIP("Fashion-MNIST is not installed");
    }

    void viewsShowWhatTheEngineWrote() {
        QTemporaryDir tmp;
        const QString runDir = tmp.filePath(QStringLiteral("run"));
        MainWindow w(std::make_unique<EngineJobFactory>());
        QStringList errors;
        w.setErrorReporter([&](const QString&, const QString& text) { errors << text; });
        SearchSession* c = w.searchSession();
        QSignalSpy steps(c, &SearchSession::stepsUpdated);
        QSignalSpy finished(c, &SearchSession::finished);
        QSignalSpy checkpoints(c, &SearchSession::checkpointWritten);
        QSignalSpy epochs(c, &SearchSession::epochAdded);

        QVERIFY(c->start(testsupport::tinyStudy(kEpochs, kImages), runDir));
        QVERIFY(steps.wait(kRunTimeoutMs));

        // Pause holds the engine between steps: once the step in flight is in, nothing moves.
        w.actions()->pauseSearch->trigger();
        QCOMPARE(c->state(), SearchSession::State::Paused);
        for (int seen = -1; seen != steps.count();) {
            seen = int(steps.count());
            QTest::qWait(kQuietMs);
        }
        const int64_t atPause = lastStep(steps);
        const int flushesAtPause = int(steps.count());
        QTest::qWait(kPauseWindowMs);
        QCOMPARE(int(steps.count()), flushesAtPause);
        QCOMPARE(lastStep(steps), atPause);

        w.actions()->pauseSearch->trigger(); // resumes
        QCOMPARE(c->state(), SearchSession::State::Running);
        QTRY_VERIFY_WITH_TIMEOUT(lastStep(steps) > atPause, kRunTimeoutMs);

        // Stop ends the run with a checkpoint of the last step, before the end of the search;
        // stopping after the first epoch leaves the resumed run a history to show.
        QTRY_VERIFY_WITH_TIMEOUT(!epochs.isEmpty(), kRunTimeoutMs);
        w.actions()->stopSearch->trigger();
        QVERIFY(finished.wait(kRunTimeoutMs));
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join('\n')));
        QVERIFY(QFileInfo::exists(runDir + "/checkpoint.pt"));
        QVERIFY(!checkpoints.isEmpty());
        QVERIFY2(!QFileInfo::exists(runDir + "/final/summary.json"), "stopped after the end");
        const int64_t atStop = lastStep(steps);
        const int epochsAtStop = int(epochs.count());
        QVERIFY(epochsAtStop < kEpochs);

        // Resume continues from the checkpoint to the end; the views show the whole run.
        QVERIFY(w.searchMenu()->resumeRun(runDir));
        QVERIFY(finished.wait(kRunTimeoutMs));
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join('\n')));
        QVERIFY(QFileInfo::exists(runDir + "/final/summary.json"));
        QVERIFY(lastStep(steps) > atStop);
        // The resumed run reported the epochs before the stop again (to the cleared views), then
        // the rest: the whole run.
        QCOMPARE(int(epochs.count()), epochsAtStop + kEpochs);

        const auto metrics = readLines(runDir + "/metrics.jsonl");
        const auto theta = readLines(runDir + "/theta.jsonl");
        const auto sampleLines = readLines(runDir + "/samples.jsonl");
        const std::string file = "metrics.jsonl";
        std::vector<StepMetrics> fileSteps;
        std::vector<EpochMetrics> fileEpochs;
        for (const auto& j : metrics)
            j["type"] == "step" ? fileSteps.push_back(stepFromJson(j, file))
                                : fileEpochs.push_back(epochFromJson(j, file));
        QCOMPARE(int(fileEpochs.size()), kEpochs);
        QCOMPARE(int(theta.size()), kEpochs);
        for (size_t i = 0; i < fileSteps.size(); ++i) // one line per step, none repeated
            QCOMPARE(fileSteps[i].global_step, int64_t(i));

        // Heatmap: every epoch's drawn cells are softmax(θ) as theta.jsonl has it.
        ProbabilityHeatmap* heatmap = w.searchViews()->heatmap();
        QCOMPARE(heatmap->epochCount(), kEpochs);
        const QStringList columns = heatmap->opNames();
        for (int e = 0; e < kEpochs; ++e) {
            EpochMetrics engine;
            thetaFromJson(theta[size_t(e)], engine, "theta.jsonl");
            heatmap->selectIndex(e);
            QCOMPARE(heatmap->selectedEpoch(), theta[size_t(e)]["epoch"].get<int>());
            const auto cells = heatmap->currentMatrix();
            QCOMPARE(cells.size(), engine.layers.size());
            for (size_t l = 0; l < engine.layers.size(); ++l) {
                const auto& layer = engine.layers[l];
                int shown = 0;
                for (size_t k = 0; k < layer.ops.size(); ++k) {
                    const int col = int(columns.indexOf(QString::fromStdString(layer.ops[k])));
                    QVERIFY(col >= 0);
                    QCOMPARE(cells[l][size_t(col)], layer.probs[k]);
                    ++shown;
                }
                for (const double v : cells[l])
                    shown -= std::isnan(v) ? 0 : 1;
                QCOMPARE(shown, 0); // ops the layer does not offer are blank
            }
        }

        // Curves: one point per epoch and per step, with the engine's values.
        CurvesPlot* curves = w.searchViews()->curves();
        std::vector<double> trainLoss, valAcc, stepLoss;
        for (const auto& e : fileEpochs) {
            trainLoss.push_back(e.train_loss);
            if (!e.warmup)
                valAcc.push_back(100.0 * e.val_accuracy);
        }
        for (const auto& s : fileSteps)
            stepLoss.push_back(s.loss);
        QCOMPARE(values(curves->graph(CurvesPlot::Series::TrainLoss)), trainLoss);
        QCOMPARE(values(curves->graph(CurvesPlot::Series::ValAccuracy)), valAcc);
        QCOMPARE(values(curves->rawGraph(CurvesPlot::Series::StepLoss)), stepLoss);

        // Pareto: every sampled architecture, and the front is the engine's non-dominated set.
        ParetoPlot* pareto = w.searchViews()->pareto();
        std::vector<SampledArchitecture> all;
        for (const auto& j : sampleLines)
            for (const auto& a : sampleSetFromJson(j, "samples.jsonl").samples)
                all.push_back(a);
        QCOMPARE(int(sampleLines.size()), kEpochs - 1); // no samples after the warm-up epoch
        QCOMPARE(pareto->model()->rowCount(), int(all.size()));
        std::set<std::pair<double, double>> engineFront, shownFront;
        for (size_t i : paretoFront(all)) {
            QVERIFY2(all[i].pareto, "a point of the whole front is on its own epoch's front");
            engineFront.insert({all[i].cost, all[i].accuracy});
        }
        for (size_t row : pareto->frontIndices()) {
            const auto& a = pareto->model()->sample(int(row));
            shownFront.insert({a.cost, a.accuracy});
        }
        QVERIFY(!engineFront.empty());
        QCOMPARE(shownFront, engineFront);
    }
};

QTEST_MAIN(SearchViewsTest)
#include "SearchViewsTest.moc"
