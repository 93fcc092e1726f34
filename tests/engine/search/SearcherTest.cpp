// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/search/Searcher.h"
#include "engine/nn/Supernet.h"
#include "engine/search/Checkpoint.h"
#include "engine/search/CostTable.h"
#include "engine/search/RunReader.h"
#include "engine/search/StopPauseToken.h"
#include "engine/util/DnasError.h"
#include "engine/util/JsonFile.h"

#include "tests/support/ErrorOf.h"
#include "tests/support/StopAndJoin.h"
#include "tests/support/TinyStudy.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <thread>

using namespace dnas;
namespace fs = std::filesystem;

namespace {
// Records the event order; optionally requests a stop or a pause after a number of steps.
struct Recorder : SearchObserver {
    std::vector<std::string> events;
    StopPauseToken* control = nullptr;
    int stopAfterSteps = -1;
    int pauseAfterSteps = -1;
    int steps = 0;
    int stepsWhilePaused = 0; // steps that ran while the token was paused: should be none
    std::vector<EpochMetrics> epochs;
    std::vector<SampleSet> samples;
    void onStarted(int, int) override { events.push_back("started"); }
    void onStep(const StepMetrics&) override {
        if (events.empty() || events.back() != "step")
            events.push_back("step");
        if (control && control->paused())
            ++stepsWhilePaused;
        ++steps;
        if (steps == stopAfterSteps && control)
            control->requestStop();
        if (steps == pauseAfterSteps && control)
            control->pause();
    }
    void onEpoch(const EpochMetrics& e) override {
        events.push_back("epoch");
        epochs.push_back(e);
    }
    void onSamples(const SampleSet& s) override {
        events.push_back("samples");
        samples.push_back(s);
    }
    void onCheckpoint(int, const std::string&) override { events.push_back("checkpoint"); }
    void onFinished(const SampleSet&) override { events.push_back("finished"); }
    void onError(const std::string& m) override { events.push_back("error:" + m); }
};

nlohmann::json finalProbabilities(const std::string& dir) {
    return readJsonFile((fs::path(dir) / "final" / "summary.json").string())["probabilities"];
}

// Runs `study` into `dir` to the end, or (stopAfterSteps > 0) stops it after that many steps.
Recorder runSearch(const Study& study, const std::string& dir, int stopAfterSteps = -1) {
    Searcher s(study, dir);
    StopPauseToken ctl;
    Recorder rec;
    rec.control = &ctl;
    rec.stopAfterSteps = stopAfterSteps;
    s.run(rec, ctl);
    rec.control = nullptr; // ctl ends here
    return rec;
}

Recorder resumeSearch(const std::string& dir) {
    auto resumed = Searcher::resume(dir);
    Recorder rec;
    StopPauseToken ctl;
    resumed->run(rec, ctl);
    return rec;
}

void expectSameFinalTheta(const std::string& a, const std::string& b) {
    const auto pa = finalProbabilities(a), pb = finalProbabilities(b);
    ASSERT_EQ(pa.size(), pb.size());
    for (size_t l = 0; l < pa.size(); ++l)
        for (size_t i = 0; i < pa[l].size(); ++i)
            EXPECT_NEAR(pa[l][i].get<double>(), pb[l][i].get<double>(), 1e-6);
}

// The JSON block of the run's newest checkpoint (SearchState::toJson).
nlohmann::json checkpointMeta(const std::string& dir) {
    torch::serialize::InputArchive archive;
    archive.load_from(Checkpoint::path(dir));
    torch::Tensor text;
    archive.read("meta", text);
    text = text.contiguous();
    return nlohmann::json::parse(
        std::string(reinterpret_cast<const char*>(text.data_ptr<uint8_t>()),
                    static_cast<size_t>(text.numel())));
}

// How many layers a checkpoint's "decided" has fixed (-1: open).
long decidedLayers(const nlohmann::json& meta) {
    const auto& d = meta.at("decided");
    return std::count_if(d.begin(), d.end(), [](const nlohmann::json& c) { return c != -1; });
}

size_t lineCount(const std::string& path) {
    std::ifstream in(path);
    return static_cast<size_t>(std::count(std::istreambuf_iterator<char>(in), {}, '\n'));
}
} // namespace

TEST(Searcher, EventOrderAndRunFolder) {
    const std::string dir = testsupport::freshDir("order");
    Searcher searcher(testsupport::tinyStudy(3), dir);
    Recorder rec;
    StopPauseToken ctl;
    searcher.run(rec, ctl);
    const std::vector<std::string> expected = {
        "checkpoint", "started", "step",    "epoch",      "checkpoint", // warm-up epoch
        "step",       "epoch",   "samples", "checkpoint",               // epoch 2
        "step",       "epoch",   "samples", "checkpoint", "finished"};  // epoch 3
    EXPECT_EQ(rec.events, expected);
    for (const char* f : {"study.json", "metrics.jsonl", "theta.jsonl", "samples.jsonl",
                          "checkpoint.pt", "final/arch.json", "final/summary.json"})
        EXPECT_TRUE(fs::exists(fs::path(dir) / f)) << f;
    ASSERT_EQ(rec.epochs.size(), 3u);
    EXPECT_TRUE(rec.epochs[0].warmup);
    EXPECT_NEAR(rec.epochs[1].temperature, 5.0, 1e-12);
    EXPECT_NEAR(rec.epochs[2].temperature, SearchSettings{}.tau_end, 1e-9); // the last one
    // θ moved away from uniform after the θ passes.
    EXPECT_LT(rec.epochs[2].meanEntropy(), rec.epochs[0].meanEntropy());
    for (const auto& s : rec.samples) {
        ASSERT_FALSE(s.samples.empty());
        EXPECT_TRUE(s.samples[0].is_argmax);
        EXPECT_TRUE(std::any_of(s.samples.begin(), s.samples.end(),
                                [](const SampledArchitecture& a) { return a.pareto; }));
    }
    // A viewer reading the folder sees the same epochs and samples.
    RunReader reader(dir);
    const auto update = reader.poll();
    EXPECT_EQ(update.epochs.size(), 3u);
    EXPECT_EQ(update.samples.size(), 2u);
    EXPECT_TRUE(update.finished);
    ASSERT_EQ(update.epochs[2].layers.size(), 3u);
    EXPECT_EQ(update.epochs[2].layers[1].probs, rec.epochs[2].layers[1].probs);
    EXPECT_TRUE(reader.poll().empty());
}

TEST(Searcher, StopAndResumeReachTheSameTheta) {
    const std::string a = testsupport::freshDir("straight");
    const std::string b = testsupport::freshDir("resumed");
    runSearch(testsupport::tinyStudy(3), a);
    const Recorder stopped = runSearch(testsupport::tinyStudy(3), b, 11); // in epoch 2's w pass
    EXPECT_FALSE(fs::exists(fs::path(b) / "final" / "summary.json"));
    EXPECT_EQ(stopped.events.back(), "checkpoint");
    EXPECT_EQ(resumeSearch(b).events.back(), "finished");
    expectSameFinalTheta(a, b);
    // The interrupted epoch's partial log was cut, so the logs match line for line.
    EXPECT_EQ(lineCount(a + "/metrics.jsonl"), lineCount(b + "/metrics.jsonl"));
    EXPECT_EQ(lineCount(a + "/samples.jsonl"), lineCount(b + "/samples.jsonl"));
}

// Sampled mode with shared kernels: borrowed kernels are no parameters of their own, so the
// checkpoint holds each once, and a resumed run follows the same warm-up (largest path) and θ.
TEST(Searcher, SampledSharedKernelsResumeToTheSameTheta) {
    Study study = testsupport::tinyStudy(3);
    study.settings.mode = SearchMode::Sampled;
    study.settings.share_kernels = true;
    Study unshared = study;
    unshared.settings.share_kernels = false;
    const std::string a = testsupport::freshDir("shared-straight");
    const std::string b = testsupport::freshDir("shared-resumed");
    const std::string c = testsupport::freshDir("unshared");
    EXPECT_EQ(runSearch(study, a).events.back(), "finished");
    runSearch(unshared, c);
    EXPECT_LT(fs::file_size(fs::path(a) / "checkpoint.pt"),
              fs::file_size(fs::path(c) / "checkpoint.pt"));
    runSearch(study, b, 5); // inside the warm-up epoch
    EXPECT_EQ(resumeSearch(b).events.back(), "finished");
    expectSameFinalTheta(a, b);
}

// Two-path mode: the θ pass compares two sampled candidates per layer, so θ moves apart from
// the exact latency term, and a run stopped inside a θ pass resumes to the same θ.
TEST(Searcher, TwoPathModeMovesThetaAndResumesToTheSameTheta) {
    Study study = testsupport::tinyStudy(3);
    study.settings.mode = SearchMode::TwoPath;
    const std::string a = testsupport::freshDir("two-path-straight");
    const std::string b = testsupport::freshDir("two-path-resumed");
    const Recorder done = runSearch(study, a);
    EXPECT_EQ(done.events.back(), "finished");
    double moved = 0.0;
    for (const auto& layer : finalProbabilities(a))
        for (const auto& p : layer)
            moved = std::max(moved, std::abs(p.get<double>() - 1.0 / layer.size()));
    EXPECT_GT(moved, 1e-4);
    runSearch(study, b, 14); // at the start of epoch 2's θ pass
    EXPECT_EQ(resumeSearch(b).events.back(), "finished");
    expectSameFinalTheta(a, b);
}

TEST(Searcher, TruncatedCheckpointFallsBackToThePreviousOne) {
    const std::string dir = testsupport::freshDir("truncated");
    {
        Searcher s(testsupport::tinyStudy(2), dir);
        Recorder rec;
        StopPauseToken ctl;
        s.run(rec, ctl);
    }
    const auto size = fs::file_size(Checkpoint::path(dir));
    fs::resize_file(Checkpoint::path(dir), size / 2);
    auto resumed = Searcher::resume(dir);
    Recorder rec;
    StopPauseToken ctl;
    resumed->run(rec, ctl);
    ASSERT_FALSE(rec.events.empty());
    EXPECT_NE(rec.events.front().find("checkpoint.pt is unreadable"), std::string::npos);
    EXPECT_EQ(rec.events.back(), "finished");
}

// A pause is acknowledged by the search thread parking in the token (no sleep decides this
// test): paused before the first step, no step runs; paused by the observer after step 3, the
// search parks before step 4; after each resume it goes on to the end.
TEST(Searcher, PauseBlocksUntilResumed) {
    const std::string dir = testsupport::freshDir("pause");
    Searcher s(testsupport::tinyStudy(1), dir);
    StopPauseToken ctl;
    Recorder rec;
    rec.control = &ctl;
    rec.pauseAfterSteps = 3;
    ctl.pause();
    std::thread worker([&] { s.run(rec, ctl); });
    dnas::test::StopAndJoin guard{worker, ctl}; // on a failed ASSERT: stop, then join
    // Only a safety net for a search that never parks; a parked search is seen at once.
    constexpr std::chrono::seconds kNeverParked(120);

    ASSERT_TRUE(ctl.waitUntilParked(1, kNeverParked)) << "the search never parked";
    EXPECT_EQ(rec.steps, 0); // parked before the first step (read after the acknowledgement)
    ctl.resume();

    ASSERT_TRUE(ctl.waitUntilParked(2, kNeverParked)) << "the observer's pause was not honoured";
    EXPECT_EQ(rec.steps, 3); // parked before the step after the one that paused
    // Held paused a while, so that a token which acknowledged without blocking would run
    // step 4 now and count it in stepsWhilePaused. A correct token passes without the wait.
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    ctl.resume();
    worker.join();

    EXPECT_GT(rec.steps, 3);            // steps went on after resume
    EXPECT_EQ(rec.stepsWhilePaused, 0); // none between a pause and its resume
    EXPECT_EQ(ctl.parkCount(), 2);
    ASSERT_FALSE(rec.events.empty());
    EXPECT_EQ(rec.events.back(), "finished");
}

TEST(Searcher, BadInputIsAClearError) {
    Study st = testsupport::tinyStudy(1);
    st.dataset = {{"kind", "idx"}, {"path", "/nonexistent/data"}};
    Searcher s(st, testsupport::freshDir("bad"));
    Recorder rec;
    StopPauseToken ctl;
    try {
        s.run(rec, ctl);
        FAIL() << "no error";
    } catch (const DnasError& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/data"), std::string::npos);
    }
    EXPECT_EQ(rec.events.back().rfind("error:", 0), 0u);
    const std::string used = testsupport::freshDir("used");
    {
        Searcher first(testsupport::tinyStudy(1), used);
        Recorder r;
        StopPauseToken c;
        first.run(r, c);
    }
    EXPECT_THROW(Searcher(testsupport::tinyStudy(1), used), DnasError);
}

// A two-path target search of the tiny study, its target `fraction` of the way from the
// cheapest net to the uniform mix: steering down is needed to get there.
namespace {
Study targetStudy(double fraction, double lambda) {
    Study st = testsupport::tinyStudy(3);
    st.settings.mode = SearchMode::TwoPath;
    st.settings.loss = LossKind::Target;
    st.settings.lambda = lambda;
    const CostTable costs = CostTable::build(st.space, st.cost, nullptr);
    st.settings.target = costs.minCost() + fraction * (costs.uniformExpected() - costs.minCost());
    return st;
}
} // namespace

// A target search delivers a net inside the target's band, records how it got there, and its
// temperature reaches tau_end at the last search epoch.
TEST(Searcher, TargetSearchDeliversWithinTheBandAndAnnealsToTauEnd) {
    Study st = targetStudy(0.35, 1.0);
    st.settings.tau_end = 0.5;
    const std::string dir = testsupport::freshDir("target");
    const Recorder rec = runSearch(st, dir);
    const auto summary = readJsonFile((fs::path(dir) / "final" / "summary.json").string());
    const auto& t = summary["target"];
    ASSERT_TRUE(t.is_object());
    const double delivered = t["delivered_cost"].get<double>();
    EXPECT_LE(delivered, st.settings.target * 1.05 + 1e-9);
    EXPECT_TRUE(t["within"].get<bool>()) << t.dump();
    EXPECT_DOUBLE_EQ(summary["argmax"]["cost"].get<double>(), delivered);
    ASSERT_EQ(rec.epochs.size(), 3u);
    EXPECT_NEAR(rec.epochs.back().temperature, 0.5, 1e-12);          // last search epoch
    EXPECT_NEAR(rec.epochs[1].temperature, st.settings.tau0, 1e-12); // first search epoch
}

// Dual ascent on a target below where a fixed λ leaves the cost: the multiplier rises while the
// expected cost stays above T, it is in every checkpoint, and a resumed run follows it exactly.
TEST(Searcher, DualTargetMultiplierRisesAboveTheTargetAndResumes) {
    Study st = targetStudy(0.1, 0.01);
    st.settings.target_dual_lr = 0.5;
    const std::string a = testsupport::freshDir("dual-straight");
    EXPECT_EQ(runSearch(st, a).events.back(), "finished");
    const nlohmann::json meta = checkpointMeta(a);
    ASSERT_TRUE(meta.contains("lambda")) << meta.dump();
    EXPECT_GT(meta["lambda"].get<double>(), st.settings.lambda);
    const std::string b = testsupport::freshDir("dual-resumed");
    runSearch(st, b, 14);
    EXPECT_EQ(resumeSearch(b).events.back(), "finished");
    expectSameFinalTheta(a, b);
    EXPECT_DOUBLE_EQ(checkpointMeta(b)["lambda"].get<double>(), meta["lambda"].get<double>());
}

// A target given as a share of the space is turned into a cost before the run's own study is
// written (so a resume steers to the same cost), and the net is delivered within its band.
TEST(Searcher, QuantileTargetIsResolvedIntoTheRunsStudy) {
    Study st = targetStudy(0.0, 1.0);
    st.settings.target = 0.0;
    st.settings.target_quantile = 0.3;
    const double cost = CostTable::build(st.space, st.cost, nullptr).quantile(0.3);
    const std::string dir = testsupport::freshDir("target-quantile");
    EXPECT_EQ(runSearch(st, dir).events.back(), "finished");
    const Study run =
        Study::fromJson(readJsonFile((fs::path(dir) / "study.json").string()), "study.json");
    EXPECT_DOUBLE_EQ(run.settings.target, cost);
    EXPECT_DOUBLE_EQ(run.settings.target_quantile, 0.3);
    const auto t = readJsonFile((fs::path(dir) / "final" / "summary.json").string())["target"];
    EXPECT_DOUBLE_EQ(t["target"].get<double>(), cost);
    EXPECT_DOUBLE_EQ(t["quantile"].get<double>(), 0.3);
    EXPECT_TRUE(t["within"].get<bool>()) << t.dump();
}

TEST(Searcher, UnreachableTargetIsRefusedBeforeTraining) {
    Study st = testsupport::tinyStudy(2);
    st.settings.loss = LossKind::Target;
    st.settings.target = 1e-6; // below any architecture's MACs
    Searcher s(st, testsupport::freshDir("target-bad"));
    Recorder rec;
    StopPauseToken ctl;
    const std::string what = testsupport::errorOf([&] { s.run(rec, ctl); });
    EXPECT_NE(what.find("settings.target"), std::string::npos) << what;
    EXPECT_NE(what.find("cheapest"), std::string::npos) << what;
    EXPECT_EQ(rec.steps, 0);
}

namespace {
// Records the finalists' steps and can stop the search at the first of them.
struct FinalistRecorder : SearchObserver {
    StopPauseToken* stopAtFirst = nullptr;
    std::vector<StepMetrics> finalistSteps;
    std::vector<std::string> events;
    void onStep(const StepMetrics& m) override {
        if (m.phase != StepPhase::Finalists)
            return;
        finalistSteps.push_back(m);
        events.push_back("finalist");
        if (stopAtFirst)
            stopAtFirst->requestStop();
    }
    void onEpoch(const EpochMetrics&) override { events.push_back("epoch"); }
    void onFinished(const SampleSet&) override { events.push_back("finished"); }
};

Study finalistStudy() {
    Study st = targetStudy(0.5, 1.0);
    st.settings.target_tolerance = 0.3; // the tiny space has few nets in a ±5 % band
    st.settings.finalists = 4;
    st.settings.finalist_steps = 5;
    return st;
}

// Runs finalistStudy() into a fresh folder; returns final/summary.json.
nlohmann::json runFinalists(const std::string& name, FinalistRecorder& rec, bool stopAtFirst) {
    const std::string dir = testsupport::freshDir(name);
    Searcher s(finalistStudy(), dir);
    StopPauseToken ctl;
    rec.stopAtFirst = stopAtFirst ? &ctl : nullptr;
    s.run(rec, ctl);
    rec.stopAtFirst = nullptr; // ctl ends here
    return readJsonFile((fs::path(dir) / "final" / "summary.json").string());
}
} // namespace

// With finalists the delivered net is the best fine-tuned of θ's choice and nets drawn from the
// target's band; each is reported as a step after the last epoch, and the summary keeps them.
TEST(Searcher, FinalistsDeliverTheBestFineTunedNetOfTheBand) {
    const Study st = finalistStudy();
    FinalistRecorder rec;
    const auto summary = runFinalists("finalists", rec, false);
    const auto& finalists = summary.at("finalists");
    ASSERT_GE(finalists.size(), 2u) << summary.dump();
    ASSERT_EQ(rec.finalistSteps.size(), finalists.size());
    EXPECT_EQ(rec.finalistSteps.front().steps_in_phase, static_cast<int>(finalists.size()));
    EXPECT_EQ(rec.events.back(), "finished");
    EXPECT_EQ(rec.events[rec.events.size() - 2], "finalist"); // after the last epoch
    EXPECT_EQ(summary["argmax"]["arch"], finalists[0]["arch"]);
    EXPECT_EQ(summary["finalist_steps"].get<int>(), 5);
    int argmaxes = 0;
    for (const auto& f : finalists) {
        EXPECT_LE(f["fine_tuned"].get<double>(), finalists[0]["fine_tuned"].get<double>());
        EXPECT_GE(f["cost"].get<double>(), st.settings.target * 0.7 - 1e-9);
        EXPECT_LE(f["cost"].get<double>(), st.settings.target * 1.3 + 1e-9);
        argmaxes += f["is_argmax"].get<bool>() ? 1 : 0;
    }
    EXPECT_EQ(argmaxes, 1);
}

// A stop during the finalists delivers the best of those fine-tuned so far: θ's choice, first.
TEST(Searcher, StopDuringFinalistsDeliversTheBestSoFar) {
    FinalistRecorder rec;
    const auto summary = runFinalists("finalists-stop", rec, true);
    ASSERT_EQ(summary.at("finalists").size(), 1u) << summary.dump();
    EXPECT_TRUE(summary["argmax"]["is_argmax"].get<bool>());
    EXPECT_EQ(rec.events.back(), "finished");
}

// Progressive decisions: every layer is decided by the end (one-hot θ, so entropy 0), the
// decisions are spread over the search epochs, and a run stopped in between resumes to the
// same decisions.
TEST(Searcher, ProgressiveDecisionsDecideEveryLayerAndResume) {
    Study st = testsupport::tinyStudy(4); // 1 warm-up + 3 search epochs, 3 layers
    st.settings.progressive_decisions = true;
    const std::string dir = testsupport::freshDir("decide");
    const Recorder rec = runSearch(st, dir);
    ASSERT_EQ(rec.epochs.size(), 4u);
    auto decidedIn = [](const EpochMetrics& e) {
        int n = 0;
        for (const auto& l : e.layers)
            n += l.entropy < 1e-6 ? 1 : 0;
        return n;
    };
    EXPECT_EQ(decidedIn(rec.epochs[0]), 0); // warm-up decides nothing
    EXPECT_EQ(decidedIn(rec.epochs[1]), 1);
    EXPECT_EQ(decidedIn(rec.epochs[2]), 2);
    EXPECT_EQ(decidedIn(rec.epochs[3]), 3);
    for (const auto& layer : finalProbabilities(dir))
        EXPECT_NEAR(*std::max_element(layer.begin(), layer.end()), 1.0, 1e-9);
    // The decisions carry over from epoch to epoch into the checkpoints.
    EXPECT_EQ(decidedLayers(checkpointMeta(dir)), 3);
    const std::string stopped = testsupport::freshDir("decide-stopped");
    runSearch(st, stopped, 30); // stopped after some layers are decided, before the end
    EXPECT_EQ(decidedLayers(checkpointMeta(stopped)), 2); // in epoch 4, after epoch 3's two
    resumeSearch(stopped);
    expectSameFinalTheta(dir, stopped);
}

namespace {
// The pwlBn weight of layer `layer`'s candidate `index` in the run's newest checkpoint.
torch::Tensor checkpointedBnWeight(const Study& study, const std::string& dir, int layer,
                                   int index) {
    Supernet net(study.space, study.settings.share_kernels);
    torch::optim::SGD w(net->weightParameters(), torch::optim::SGDOptions(0.1));
    torch::optim::Adam theta(net->thetaParameters(), torch::optim::AdamOptions(0.1));
    EXPECT_TRUE(Checkpoint::load(dir, *net, w, theta).has_value());
    const std::string name = "layers." + std::to_string(layer) + ".candidates." +
                             std::to_string(index) + ".pwlBn.weight";
    return net->named_parameters()[name].clone();
}
} // namespace

// w_paths "largest": after the largest-path warm-up the w steps stay on each layer's largest
// candidate, so a nested candidate's own parameters (its batch norms) are never stepped, while
// "sampled" paths from θ step them. Layer 0 is {k3_e1, k3_e3, skip}: k3_e1 borrows k3_e3's
// kernels and keeps its own batch norms.
TEST(Searcher, LargestWeightPathsTrainOnlyTheLargestCandidates) {
    Study study = testsupport::tinyStudy(3);
    study.settings.mode = SearchMode::TwoPath;
    study.settings.share_kernels = true;
    study.settings.w_paths = WeightPaths::Largest;
    const std::string a = testsupport::freshDir("w-largest");
    EXPECT_EQ(runSearch(study, a).events.back(), "finished");
    EXPECT_TRUE(torch::equal(checkpointedBnWeight(study, a, 0, 0), torch::ones({8})));
    EXPECT_FALSE(torch::equal(checkpointedBnWeight(study, a, 0, 1), torch::ones({8})));

    study.settings.w_paths = WeightPaths::Sampled;
    const std::string b = testsupport::freshDir("w-sampled");
    EXPECT_EQ(runSearch(study, b).events.back(), "finished");
    EXPECT_FALSE(torch::equal(checkpointedBnWeight(study, b, 0, 0), torch::ones({8})));
}

// "largest-swap": the largest path with one layer a step switched to a drawn candidate, so the
// nested candidate's own batch norm, which "largest" never steps, is trained too.
TEST(Searcher, LargestSwapPathsAlsoTrainTheOtherCandidates) {
    Study study = testsupport::tinyStudy(3);
    study.settings.mode = SearchMode::TwoPath;
    study.settings.share_kernels = true;
    study.settings.warmup_paths = WarmupPaths::LargestSwap;
    study.settings.w_paths = WeightPaths::LargestSwap;
    const std::string dir = testsupport::freshDir("w-largest-swap");
    EXPECT_EQ(runSearch(study, dir).events.back(), "finished");
    EXPECT_FALSE(torch::equal(checkpointedBnWeight(study, dir, 0, 0), torch::ones({8})));
}

// The progressive warm-up runs the largest path first, then uniform paths: with two warm-up
// epochs the nested candidate's batch norm is stepped only in the second.
TEST(Searcher, ProgressiveWarmupTrainsTheLargestPathFirst) {
    Study study = testsupport::tinyStudy(2);
    study.settings.warmup_epochs = 2; // no search epoch: only the warm-up's paths train w
    study.settings.mode = SearchMode::TwoPath;
    study.settings.share_kernels = true;
    study.settings.warmup_paths = WarmupPaths::Progressive;
    const std::string dir = testsupport::freshDir("progressive-warmup");
    runSearch(study, dir, 4); // stopped inside the first warm-up epoch (8 steps per epoch)
    EXPECT_TRUE(torch::equal(checkpointedBnWeight(study, dir, 0, 0), torch::ones({8})));
    EXPECT_EQ(resumeSearch(dir).events.back(), "finished");
    EXPECT_FALSE(torch::equal(checkpointedBnWeight(study, dir, 0, 0), torch::ones({8})));
}
