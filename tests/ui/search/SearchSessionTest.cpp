// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/search/SearchSession.h"
#include "engine/search/SearchObserver.h"
#include "engine/search/SearchTypesJson.h"
#include "engine/search/StopPauseToken.h"
#include "engine/search/Study.h"
#include "engine/util/DnasError.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <atomic>
#include <thread>

using namespace dnas;
using namespace dnas::ui;

namespace {
constexpr int kEpochs = 3;
constexpr int kStepsPerEpoch = 200;

StepMetrics step(int epoch, int i) {
    StepMetrics m;
    m.epoch = epoch;
    m.step = i;
    m.steps_in_phase = kStepsPerEpoch;
    m.global_step = int64_t(epoch) * kStepsPerEpoch + i;
    m.loss = 1.0 / (1 + m.global_step);
    return m;
}

EpochMetrics epochMetrics(int epoch) {
    EpochMetrics e;
    e.epoch = epoch;
    e.epochs = kEpochs;
    e.temperature = 5.0 * std::pow(0.956, epoch);
    e.layers.push_back({{"k3_e1", "skip"}, {0.6, 0.4}, 0.67});
    return e;
}

SampleSet samples(int epoch) {
    SampleSet s;
    s.epoch = epoch;
    s.cost_unit = "us";
    SampledArchitecture a;
    a.epoch = epoch;
    a.arch = "k3_e1";
    a.ops = {"k3_e1"};
    a.is_argmax = true;
    s.samples.push_back(a);
    return s;
}

// A scripted search: as fast as it can, the order a real Searcher reports in.
void scriptedRun(SearchObserver& o, StopPauseToken& c) {
    o.onStarted(0, kEpochs);
    for (int e = 0; e < kEpochs; ++e) {
        for (int i = 0; i < kStepsPerEpoch; ++i) {
            if (!c.waitWhilePaused())
                return;
            o.onStep(step(e, i));
        }
        o.onEpoch(epochMetrics(e));
        o.onSamples(samples(e));
        o.onCheckpoint(e, "checkpoint.pt");
    }
    o.onFinished(samples(kEpochs - 1));
}

// Runs until stopped; counts steps so the test can see a pause hold the worker.
std::atomic<int> gSlowSteps{0};
void slowRun(SearchObserver& o, StopPauseToken& c) {
    o.onStarted(0, kEpochs);
    while (c.waitWhilePaused()) {
        o.onStep(step(0, gSlowSteps++ % kStepsPerEpoch));
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
}

class FakeFactory : public SearchJobFactory {
  public:
    SearchJob newRun(const Study&, const std::string& dir) override {
        if (dir.find("fail") != std::string::npos)
            return [](SearchObserver&, StopPauseToken&) {
                throw DnasError("/data/x.idx", "dataset.path", "no such file");
            };
        return dir.find("slow") != std::string::npos ? SearchJob(slowRun) : SearchJob(scriptedRun);
    }
    SearchJob resume(const std::string&) override { return scriptedRun; }
};
} // namespace

class SearchSessionTest : public QObject {
    Q_OBJECT
  private slots:
    void coalescesStepsAndKeepsEpochsInOrder() {
        SearchSession c(std::make_unique<FakeFactory>());
        QSignalSpy steps(&c, &SearchSession::stepsUpdated);
        QSignalSpy epochs(&c, &SearchSession::epochAdded);
        QSignalSpy sampleSets(&c, &SearchSession::samplesAdded);
        QSignalSpy finals(&c, &SearchSession::finalSamples);
        QSignalSpy checkpoints(&c, &SearchSession::checkpointWritten);
        QSignalSpy finished(&c, &SearchSession::finished);
        QSignalSpy states(&c, &SearchSession::stateChanged);
        QVERIFY(c.start(Study{}, QStringLiteral("/tmp/run")));
        QCOMPARE(c.state(), SearchSession::State::Running);
        QVERIFY(finished.wait(10000));
        QCOMPARE(c.state(), SearchSession::State::Idle);

        QVERIFY(steps.count() >= 1);
        QVERIFY2(steps.count() < kEpochs * kStepsPerEpoch / 10, "steps were not coalesced");
        int64_t expected = 0;
        for (const auto& args : steps)
            for (const auto& s : args.first().value<std::vector<StepMetrics>>())
                QCOMPARE(s.global_step, expected++);
        QCOMPARE(expected, int64_t(kEpochs) * kStepsPerEpoch);
        const auto last = steps.last().first().value<std::vector<StepMetrics>>().back();
        QCOMPARE(last.global_step, int64_t(kEpochs) * kStepsPerEpoch - 1);

        QCOMPARE(epochs.count(), kEpochs);
        for (int e = 0; e < kEpochs; ++e) {
            const auto m = epochs.at(e).first().value<EpochMetrics>();
            QCOMPARE(m.epoch, e);
            QCOMPARE(m.layers.size(), size_t(1));
            QCOMPARE(m.layers[0].probs[0], 0.6);
            QCOMPARE(sampleSets.at(e).first().value<SampleSet>().epoch, e);
        }
        QCOMPARE(finals.count(), 1);
        QCOMPARE(checkpoints.count(), kEpochs);
        QCOMPARE(states.first().first().value<SearchSession::State>(),
                 SearchSession::State::Running);
        QCOMPARE(states.last().first().value<SearchSession::State>(), SearchSession::State::Idle);
    }

    void pauseHoldsTheWorkerAndStopEndsTheRun() {
        SearchSession c(std::make_unique<FakeFactory>());
        QSignalSpy steps(&c, &SearchSession::stepsUpdated);
        QSignalSpy finished(&c, &SearchSession::finished);
        gSlowSteps = 0;
        QVERIFY(c.start(Study{}, QStringLiteral("/tmp/slow")));
        QVERIFY(steps.wait(5000));
        QVERIFY(!c.start(Study{}, QStringLiteral("/tmp/other"))); // one run at a time
        c.pause();
        QCOMPARE(c.state(), SearchSession::State::Paused);
        QTest::qWait(100);
        const int atPause = gSlowSteps;
        QTest::qWait(200);
        QVERIFY(gSlowSteps - atPause <= 1);
        c.resume();
        QCOMPARE(c.state(), SearchSession::State::Running);
        QTRY_VERIFY(gSlowSteps > atPause + 1);
        c.pause();
        c.stop(); // also wakes a paused worker
        QCOMPARE(c.state(), SearchSession::State::Stopping);
        QVERIFY(finished.wait(5000));
        QCOMPARE(c.state(), SearchSession::State::Idle);
    }

    void engineErrorsAreReported() {
        SearchSession c(std::make_unique<FakeFactory>());
        QSignalSpy errors(&c, &SearchSession::errorOccurred);
        QSignalSpy finished(&c, &SearchSession::finished);
        QVERIFY(c.start(Study{}, QStringLiteral("/tmp/fail")));
        QVERIFY(finished.wait(5000));
        QCOMPARE(errors.count(), 1);
        QCOMPARE(errors.first().first().toString(),
                 QStringLiteral("/data/x.idx: dataset.path: no such file"));
        QCOMPARE(c.runDir(), QStringLiteral("/tmp/fail"));
    }

    void destructorStopsARunningSearch() {
        gSlowSteps = 0;
        auto c = std::make_unique<SearchSession>(std::make_unique<FakeFactory>());
        QSignalSpy steps(c.get(), &SearchSession::stepsUpdated);
        QVERIFY(c->start(Study{}, QStringLiteral("/tmp/slow")));
        QVERIFY(steps.wait(5000));
        c->pause();
        c.reset(); // must not hang on a paused worker
    }

    void followsARunFolderLikeALiveRun() {
        QTemporaryDir dir;
        const Study study = Study::defaultStudy();
        auto writeLines = [&](const QString& name, const std::vector<nlohmann::json>& lines) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Append));
            for (const auto& j : lines)
                f.write(QByteArray::fromStdString(j.dump() + "\n"));
        };
        writeLines("study.json", {study.toJson()});
        std::vector<nlohmann::json> metrics, theta, sampleLines;
        for (int e = 0; e < kEpochs; ++e) {
            for (int i = 0; i < 5; ++i)
                metrics.push_back(toJson(step(e, i)));
            metrics.push_back(toJson(epochMetrics(e)));
            theta.push_back(thetaJson(epochMetrics(e)));
            sampleLines.push_back(toJson(samples(e)));
        }
        writeLines("theta.jsonl", theta);
        writeLines("metrics.jsonl", metrics);
        writeLines("samples.jsonl", sampleLines);

        SearchSession c(std::make_unique<FakeFactory>());
        QSignalSpy steps(&c, &SearchSession::stepsUpdated);
        QSignalSpy epochs(&c, &SearchSession::epochAdded);
        QSignalSpy sampleSets(&c, &SearchSession::samplesAdded);
        QVERIFY(c.followRun(dir.path()));
        QCOMPARE(c.state(), SearchSession::State::Following);
        QTRY_COMPARE(epochs.count(), kEpochs);
        QCOMPARE(sampleSets.count(), kEpochs);
        QCOMPARE(epochs.at(2).first().value<EpochMetrics>().layers.size(), size_t(1));
        QCOMPARE(steps.last().first().value<std::vector<StepMetrics>>().back().global_step,
                 int64_t(2) * kStepsPerEpoch + 4);

        // A run still being written: new lines show up on the next poll.
        writeLines("theta.jsonl", {thetaJson(epochMetrics(kEpochs))});
        EpochMetrics extra = epochMetrics(kEpochs);
        writeLines("metrics.jsonl", {toJson(extra)});
        QTRY_COMPARE_WITH_TIMEOUT(epochs.count(), kEpochs + 1, 3000);

        QSignalSpy finished(&c, &SearchSession::finished);
        c.stop();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(c.state(), SearchSession::State::Idle);

        // Once the run is finished, the net it delivered (the argmax repaired into a target's
        // band, from final/summary.json) comes as the final samples, as from a live run.
        QVERIFY(QDir(dir.path()).mkpath("final"));
        writeLines("final/summary.json",
                   {{{"format", "dnas-search-summary/1"},
                     {"cost_unit", "us"},
                     {"argmax", {{"arch", "skip"}, {"accuracy", 0.4}, {"cost", 640.0}}}}});
        QSignalSpy finals(&c, &SearchSession::finalSamples);
        QVERIFY(c.followRun(dir.path()));
        QTRY_COMPARE(finished.count(), 2);
        QCOMPARE(finals.count(), 1);
        const auto delivered = finals.first().first().value<SampleSet>();
        QCOMPARE(delivered.samples.size(), size_t(1));
        QCOMPARE(delivered.samples[0].arch, std::string("skip"));
        QVERIFY(delivered.samples[0].is_argmax);
    }

    void aFolderThatIsNoRunIsAnError() {
        QTemporaryDir dir;
        SearchSession c(std::make_unique<FakeFactory>());
        QSignalSpy errors(&c, &SearchSession::errorOccurred);
        QVERIFY(!c.followRun(dir.path()));
        QCOMPARE(errors.count(), 1);
        QVERIFY(errors.first().first().toString().contains("not a run folder"));
        QCOMPARE(c.state(), SearchSession::State::Idle);
    }
};

QTEST_MAIN(SearchSessionTest)
#include "SearchSessionTest.moc"
