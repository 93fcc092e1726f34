// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/search/Sweeper.h"
#include "engine/search/CostTable.h"
#include "engine/search/StopPauseToken.h"
#include "engine/search/SweepPlan.h"
#include "engine/util/DnasError.h"
#include "engine/util/JsonFile.h"

#include "tests/support/ErrorOf.h"
#include "tests/support/TinySweep.h"

#include <algorithm>
#include <filesystem>
#include <gtest/gtest.h>

using namespace dnas;
namespace fs = std::filesystem;

namespace {
// Records what a sweep reports; optionally stops it after a number of steps of one target.
struct SweepRecorder : SweepObserver {
    std::vector<SweepTarget> started;
    std::vector<int> retrained; // target indices whose retraining ran
    std::vector<SweepTargetResult> done;
    int searchesFinished = 0;
    StopPauseToken* control = nullptr;
    int stopInTarget = -1;
    int stopAfterSteps = 0;
    int stepsInTarget = 0;

    void onTargetStarted(const SweepTarget& t) override {
        started.push_back(t);
        stepsInTarget = 0;
    }
    void onStep(const StepMetrics&) override {
        if (started.back().index == stopInTarget && ++stepsInTarget == stopAfterSteps && control)
            control->requestStop();
    }
    void onFinished(const SampleSet&) override { ++searchesFinished; }
    void onRetrainStarted(const SweepTarget& t, SweepRetrain, int) override {
        retrained.push_back(t.index);
    }
    void onTargetDone(const SweepTarget&, const SweepTargetResult& r) override {
        done.push_back(r);
    }
};

using testsupport::sweepStudy;
using testsupport::twoTargets;
} // namespace

TEST(SweepPlan, ParsesTargetsAndNamesFolders) {
    EXPECT_EQ(SweepPlan::parseTargets("0.5,0.7"), (std::vector<double>{0.5, 0.7}));
    EXPECT_NE(testsupport::errorOf([] { SweepPlan::parseTargets("0.5,x"); }).find("--targets"),
              std::string::npos);
    EXPECT_THROW(SweepPlan::parseTargets("0.5,-1"), DnasError);
    EXPECT_THROW(SweepPlan::parseTargets(""), DnasError);

    CostTable latency;
    latency.kind = "latency";
    latency.unit = "us";
    const SweepPlan plan = SweepPlan::forTargets(latency, {0.645, 1.0});
    EXPECT_EQ(plan.unit, "ms");
    EXPECT_DOUBLE_EQ(plan.targetCost(0), 645.0); // ms into the LUT's µs
    EXPECT_EQ(plan.folderName(0), "target-0.645ms");
    EXPECT_EQ(plan.folderName(1), "target-1.000ms");
}

TEST(SweepPlan, SpreadsTargetsInsideTheRangeAndRoundTripsThroughSweepJson) {
    const Study study = sweepStudy();
    const CostTable costs = CostTable::build(study.space, study.cost, nullptr);
    SweepPlan plan = SweepPlan::spread(costs, 3);
    ASSERT_EQ(plan.targets.size(), 3u);
    EXPECT_EQ(plan.unit, costs.unit);
    EXPECT_GT(plan.targets[0], costs.minCost());
    EXPECT_LT(plan.targets[0], plan.targets[1]);
    EXPECT_LT(plan.targets[2], costs.maxCost());
    plan.retrain = SweepRetrain::Proxy;
    plan.proxy_epochs = 3;
    const SweepPlan back = SweepPlan::fromJson(plan.toJson("tiny", {}), "sweep.json");
    EXPECT_TRUE(back.sameAs(plan));
    SweepPlan other = plan;
    other.retrain = SweepRetrain::Full;
    EXPECT_FALSE(other.sameAs(plan));
    other = plan;
    other.targets[1] *= 1.01;
    EXPECT_FALSE(other.sameAs(plan));
}

// A sweep stopped in its second target's search resumes there: the first target is neither
// searched nor retrained again, the second goes on from its checkpoint; sweep.json lists both.
TEST(Sweeper, StoppedHalfWayResumesAtTheTargetItWasOn) {
    const std::string dir = testsupport::freshDir("sweeper");
    const Study study = sweepStudy();
    const SweepPlan plan = twoTargets(study);
    {
        Sweeper sweeper(study, plan, dir);
        StopPauseToken control;
        SweepRecorder rec;
        rec.control = &control;
        rec.stopInTarget = 1;
        rec.stopAfterSteps = 3;
        EXPECT_FALSE(sweeper.run(rec, control));
        ASSERT_EQ(rec.started.size(), 2u);
        EXPECT_EQ(rec.retrained, std::vector<int>{0});
        ASSERT_EQ(rec.done.size(), 1u);
        EXPECT_EQ(sweeper.results().size(), 1u);
    }
    const fs::path first = fs::path(dir) / plan.folderName(0);
    const fs::path second = fs::path(dir) / plan.folderName(1);
    EXPECT_TRUE(fs::exists(first / "proxy" / "train.json"));
    EXPECT_TRUE(fs::exists(second / "checkpoint.pt"));
    EXPECT_FALSE(fs::exists(second / "final" / "summary.json"));
    const nlohmann::json half = readJsonFile((fs::path(dir) / SweepPlan::kSweepFile).string());
    EXPECT_EQ(half["runs"].size(), 1u) << half.dump();
    EXPECT_TRUE(SweepPlan::fromJson(half, "sweep.json").sameAs(plan));
    const auto firstWritten = fs::last_write_time(first / "metrics.jsonl");
    const auto firstTrained = fs::last_write_time(first / "proxy" / "train.json");

    Sweeper again(study, plan, dir);
    StopPauseToken control;
    SweepRecorder rec;
    EXPECT_TRUE(again.run(rec, control));
    ASSERT_EQ(rec.started.size(), 2u);
    EXPECT_TRUE(rec.started[0].searched);
    EXPECT_FALSE(rec.started[1].searched);
    EXPECT_TRUE(rec.started[1].resumed);
    EXPECT_EQ(rec.searchesFinished, 1); // only the second target searched
    EXPECT_EQ(rec.retrained, std::vector<int>{1});
    EXPECT_EQ(fs::last_write_time(first / "metrics.jsonl"), firstWritten);
    EXPECT_EQ(fs::last_write_time(first / "proxy" / "train.json"), firstTrained);

    const nlohmann::json sweep = readJsonFile((fs::path(dir) / SweepPlan::kSweepFile).string());
    EXPECT_EQ(sweep["format"], "dnas-sweep/1");
    EXPECT_EQ(sweep["study"], "tiny");
    EXPECT_EQ(sweep["target_unit"], plan.unit);
    EXPECT_EQ(sweep["retrain"], "proxy");
    ASSERT_EQ(sweep["runs"].size(), 2u) << sweep.dump();
    for (size_t i = 0; i < 2; ++i) {
        const nlohmann::json& run = sweep["runs"][i];
        const double target = plan.targets[i];
        EXPECT_EQ(run["run"], plan.folderName(i));
        EXPECT_DOUBLE_EQ(run["target"].get<double>(), target);
        // The delivered net as the run's summary has it (whether the repair reached the band
        // is TargetRepair's business; the tiny space has few costs to choose from).
        const nlohmann::json summary =
            readJsonFile((fs::path(dir) / plan.folderName(i) / "final" / "summary.json").string());
        EXPECT_EQ(run["arch"], summary["argmax"]["arch"]);
        EXPECT_DOUBLE_EQ(run["cost"].get<double>(), summary["argmax"]["cost"].get<double>());
        EXPECT_EQ(run["within"], summary["target"]["within"]);
        EXPECT_DOUBLE_EQ(summary["target"]["target"].get<double>(), plan.targetCost(i));
        EXPECT_EQ(run["retrain"], "proxy");
        const double accuracy = run["test_accuracy"].get<double>();
        EXPECT_GT(accuracy, 0.0);
        EXPECT_LE(accuracy, 1.0);
        const nlohmann::json trained =
            readJsonFile((fs::path(dir) / plan.folderName(i) / "proxy" / "train.json").string());
        EXPECT_DOUBLE_EQ(trained["test_accuracy"].get<double>(), accuracy);
    }
    fs::remove_all(dir);
}
