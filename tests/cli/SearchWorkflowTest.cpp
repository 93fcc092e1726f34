// SPDX-License-Identifier: GPL-3.0-or-later
// The headless workflow end to end on real Fashion-MNIST (small --limit): search, sample,
// retrain; and crash safety: SIGKILL at seeded random points and inside a checkpoint write
// (DNAS_FAULT), then resume. Labelled e2e: slower than a unit test, still in CI.
#include "tests/cli/CliProcess.h"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <gtest/gtest.h>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

namespace fs = std::filesystem;
using nlohmann::json;
using namespace dnas::testsupport;

namespace {

std::vector<json> jsonLines(const fs::path& file) {
    std::vector<json> out;
    std::istringstream in(readFile(file));
    std::string line;
    while (std::getline(in, line))
        if (!line.empty())
            out.push_back(json::parse(line));
    return out;
}

std::vector<std::string> with(std::vector<std::string> args,
                              std::initializer_list<std::string> extra) {
    args.insert(args.end(), extra);
    return args;
}

std::vector<int> epochLines(const fs::path& run) {
    std::vector<int> epochs;
    for (const auto& j : jsonLines(run / "metrics.jsonl"))
        if (j["type"] == "epoch")
            epochs.push_back(j["epoch"].get<int>());
    return epochs;
}

class SearchWorkflow : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("dnas-e2e-" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }

    std::vector<std::string> searchArgs(const fs::path& out, int epochs, int limit = 1200) const {
        return {"search",    "fmnist",
                "--cost",    "macs",
                "--limit",   std::to_string(limit),
                "--epochs",  std::to_string(epochs),
                "--warmup",  "1",
                "--batch",   "64",
                "--threads", "1",
                "--out",     out.string()};
    }
    fs::path dir_;
};

TEST_F(SearchWorkflow, SearchSampleTrain) {
    const fs::path run = dir_ / "run";
    // FBNet's loss, whatever the shipped study steers to.
    const auto args = with(searchArgs(run, 3), {"--json-progress", "--loss", "multiplicative"});
    const CliResult r = runCli(args, dir_);
    ASSERT_EQ(r.code, 0) << r.err;
    // --json-progress: one JSON object per line, ending with the found architecture.
    std::istringstream lines(r.out);
    std::string line, last;
    int steps = 0;
    while (std::getline(lines, line)) {
        const json j = json::parse(line);
        steps += j["type"] == "step";
        last = j["type"];
    }
    EXPECT_GT(steps, 10);
    EXPECT_EQ(last, "finished");
    EXPECT_EQ(epochLines(run), (std::vector<int>{0, 1, 2}));
    EXPECT_TRUE(fs::exists(run / "final" / "arch.json"));
    EXPECT_EQ(json::parse(readFile(run / "study.json"))["settings"]["loss"], "multiplicative");
    EXPECT_TRUE(json::parse(readFile(run / "final" / "summary.json"))["target"].is_null());

    const CliResult s = runCli({"sample", run.string(), "-k", "4", "--json"}, dir_);
    ASSERT_EQ(s.code, 0) << s.err;
    const json samples = json::parse(s.out)["samples"];
    ASSERT_GE(samples.size(), 1u);
    EXPECT_TRUE(samples[0]["is_argmax"].get<bool>());
    bool anyPareto = false;
    for (const auto& a : samples)
        anyPareto |= a["pareto"].get<bool>();
    EXPECT_TRUE(anyPareto);

    const CliResult t = runCli({"train", run.string(), "--epochs", "3", "--limit", "3000",
                                "--batch", "64", "--threads", "1", "--json-progress"},
                               dir_);
    ASSERT_EQ(t.code, 0) << t.err;
    const json arch = json::parse(readFile(run / "final" / "arch.json"));
    EXPECT_GT(arch["accuracy"].get<double>(), 0.3); // 10 classes: chance is 0.1
    EXPECT_GT(arch["macs"].get<double>(), 0.0);
    EXPECT_TRUE(fs::exists(run / "final" / "weights.pt"));
}

// A MAC target: the delivered net is inside the band, `sample --equal-cost` scores it first,
// then the named baseline, then random nets of its cost; a target the space cannot reach, or a
// latency target under a MAC cost model, is refused with exit 2 before any training.
TEST_F(SearchWorkflow, TargetSearchAndEqualCostBaseline) {
    const fs::path run = dir_ / "target";
    auto args = searchArgs(run, 2);
    // MMAC: fbnet-fmnist spans about 2 to 13
    args.insert(args.end(), {"--target", "6", "--lambda", "2.5"});
    const CliResult r = runCli(args, dir_);
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("target 6.0 MMAC, the space "), std::string::npos) << r.out;
    EXPECT_EQ(json::parse(readFile(run / "study.json"))["settings"]["lambda"], 2.5);
    const json target = json::parse(readFile(run / "final" / "summary.json"))["target"];
    ASSERT_TRUE(target.is_object()) << target.dump();
    EXPECT_TRUE(target["within"].get<bool>()) << target.dump();
    EXPECT_LE(target["delivered_cost"].get<double>(), 6.0 * 1.05);

    const CliResult s = runCli(
        {"sample", run.string(), "--equal-cost", "4", "--arch", "all-k3_e6", "--json"}, dir_);
    ASSERT_EQ(s.code, 0) << s.err;
    const json samples = json::parse(s.out)["samples"];
    ASSERT_EQ(samples.size(), 6u);
    const double found = samples[0]["cost"].get<double>();
    EXPECT_NEAR(found, target["delivered_cost"].get<double>(), 1e-9);
    EXPECT_EQ(samples[1]["arch"].get<std::string>().substr(0, 12), "k3_e6-k3_e6-");
    for (size_t i = 2; i < samples.size(); ++i) {
        EXPECT_NEAR(samples[i]["cost"].get<double>(), found, 0.05 * found + 1e-9);
        EXPECT_GT(samples[i]["accuracy"].get<double>(), 0.0);
    }

    const CliResult low = runCli(with(searchArgs(dir_ / "low", 2), {"--target", "0.01"}), dir_);
    EXPECT_EQ(low.code, 2);
    EXPECT_NE(low.err.find("settings.target"), std::string::npos) << low.err;
    EXPECT_NE(low.err.find("cheapest"), std::string::npos) << low.err;
    const CliResult ms = runCli(with(searchArgs(dir_ / "ms", 2), {"--target-latency", "1"}), dir_);
    EXPECT_EQ(ms.code, 2);
    EXPECT_NE(ms.err.find("--target-latency"), std::string::npos) << ms.err;
    const CliResult both = runCli(
        with(searchArgs(dir_ / "both", 2), {"--target", "6", "--target-quantile", "0.2"}), dir_);
    EXPECT_EQ(both.code, 2);
    EXPECT_NE(both.err.find("--target-quantile"), std::string::npos) << both.err;
    const CliResult whole =
        runCli(with(searchArgs(dir_ / "whole", 2), {"--target-quantile", "1"}), dir_);
    EXPECT_EQ(whole.code, 2);
    EXPECT_NE(whole.err.find("--target-quantile"), std::string::npos) << whole.err;
    const CliResult loss = runCli(
        with(searchArgs(dir_ / "loss", 2), {"--loss", "multiplicative", "--target", "6"}), dir_);
    EXPECT_EQ(loss.code, 2);
    EXPECT_NE(loss.err.find("--loss"), std::string::npos) << loss.err;
    const CliResult lambda = runCli(with(searchArgs(dir_ / "lambda", 2), {"--lambda", "-1"}), dir_);
    EXPECT_EQ(lambda.code, 2);
    EXPECT_NE(lambda.err.find("--lambda"), std::string::npos) << lambda.err;
}

// Waits until `ready` holds (polling), at most five minutes; false on timeout.
template <class F> bool waitFor(F ready) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(5);
    while (!ready()) {
        if (std::chrono::steady_clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
}

// The seed of the kill points: fixed, so a failure reproduces; DNAS_CRASH_SEED tries others.
uint32_t crashSeed() {
    const char* env = std::getenv("DNAS_CRASH_SEED");
    return env ? static_cast<uint32_t>(std::strtoul(env, nullptr, 10)) : 20240229u;
}

// Complete ('\n'-terminated) lines of a file; a line still being written when the process died
// is not one of them.
size_t completeLines(const fs::path& file) {
    const std::string text = readFile(file);
    return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
}

// PyTorch's checkpoint is a zip archive: complete when it ends in the end-of-central-directory
// record (22 bytes, no comment). A file cut short lacks it.
bool zipComplete(const fs::path& file) {
    const std::string bytes = readFile(file);
    return bytes.size() >= 22 && bytes.compare(bytes.size() - 22, 4, "PK\x05\x06") == 0;
}

// What a run folder must look like at any instant, even right after a SIGKILL: every complete
// line of every log is a JSON object, and checkpoint.pt is a complete archive. Returns the
// number of epochs the logs record.
int checkRunFolder(const fs::path& run) {
    for (const char* log : {"metrics.jsonl", "theta.jsonl", "samples.jsonl"}) {
        std::istringstream in(readFile(run / log));
        std::string line;
        for (size_t n = completeLines(run / log); n > 0 && std::getline(in, line); --n)
            EXPECT_TRUE(json::parse(line).is_object()) << log << ": " << line;
    }
    EXPECT_TRUE(zipComplete(run / "checkpoint.pt"));
    int epochs = 0;
    std::istringstream in(readFile(run / "metrics.jsonl"));
    std::string line;
    for (size_t n = completeLines(run / "metrics.jsonl"); n > 0 && std::getline(in, line); --n)
        epochs += json::parse(line)["type"] == "epoch";
    return epochs;
}

// The epoch a resumed run started from ({"type":"started"} of --json-progress), -1 if not yet.
int startedEpoch(const fs::path& dir) {
    std::istringstream in(readFile(dir / "stdout.txt"));
    std::string line;
    while (std::getline(in, line))
        if (json j = json::parse(line, nullptr, false); j.is_object() && j["type"] == "started")
            return j["epoch"].get<int>();
    return -1;
}

// No {"type":"error"} event, e.g. the warning that checkpoint.pt was unreadable.
bool noErrorEvents(const std::string& out) {
    return out.find("\"type\":\"error\"") == std::string::npos;
}

// `dnas sweep`: one target search per target, each in its own folder, the delivered nets
// within their bands and retrained by the proxy recipe; a sweep stopped at its second target
// (that run's final/ missing, its checkpoint there) resumes there and leaves the first alone.
// Finalists from the command line: the summary keeps them, the delivered one first and inside
// the target's band; `sample --finetune` scores a net after its own fine-tune.
TEST_F(SearchWorkflow, FinalistsAndFineTunedScores) {
    const fs::path run = dir_ / "finalists";
    auto args = searchArgs(run, 2);
    args.insert(args.end(), {"--target", "6", "--finalists", "3", "--finalist-steps", "5"});
    const CliResult r = runCli(args, dir_);
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("finalists, each fine-tuned alone"), std::string::npos) << r.out;
    const json summary = json::parse(readFile(run / "final" / "summary.json"));
    const json& finalists = summary["finalists"];
    ASSERT_EQ(finalists.size(), 3u) << summary.dump();
    EXPECT_EQ(summary["argmax"]["arch"], finalists[0]["arch"]);
    for (const auto& f : finalists) {
        EXPECT_NEAR(f["cost"].get<double>(), 6.0, 6.0 * 0.05 + 1e-9);
        EXPECT_LE(f["fine_tuned"].get<double>(), finalists[0]["fine_tuned"].get<double>());
    }

    const CliResult s =
        runCli({"sample", run.string(), "--arch", "all-k3_e6", "--finetune", "5", "--json"}, dir_);
    ASSERT_EQ(s.code, 0) << s.err;
    const json samples = json::parse(s.out)["samples"];
    ASSERT_EQ(samples.size(), 2u);
    for (const auto& a : samples)
        EXPECT_GT(a["fine_tuned"].get<double>(), 0.0) << a.dump();
    const CliResult text =
        runCli({"sample", run.string(), "--arch", "all-k3_e6", "--finetune", "5"}, dir_);
    ASSERT_EQ(text.code, 0) << text.err;
    EXPECT_NE(text.out.find("fine-tuned acc"), std::string::npos) << text.out;

    const CliResult bad = runCli(with(searchArgs(dir_ / "bad", 2), {"--finalists", "65"}), dir_);
    EXPECT_EQ(bad.code, 2);
    EXPECT_NE(bad.err.find("settings.finalists"), std::string::npos) << bad.err;
}

TEST_F(SearchWorkflow, SweepSearchesEachTargetAndResumesWhereItStopped) {
    const fs::path study = dir_ / "sweep.study.json";
    {
        std::ofstream f(study);
        f << json{{"format", "dnas-study/1"},
                  {"name", "sweep"},
                  {"space", "fbnet-fmnist"},
                  {"dataset", {{"kind", "idx"}, {"path", "/usr/share/datasets/fashion-mnist"}}},
                  {"cost", {{"kind", "macs"}}},
                  {"settings",
                   {{"epochs", 2},
                    {"warmup_epochs", 1},
                    {"batch_size", 64},
                    {"limit", 1200},
                    {"threads", 1},
                    {"eval_limit", 200}}},
                  {"train", {{"epochs", 3}, {"limit", 3000}, {"batch_size", 64}, {"threads", 1}}}}
                 .dump();
    }
    const fs::path out = dir_ / "front";
    const std::vector<std::string> args = {"sweep",     study.string(), "--targets",      "4,8",
                                           "--retrain", "proxy",        "--proxy-epochs", "2",
                                           "-o",        out.string()};
    const CliResult r = runCli(args, dir_);
    ASSERT_EQ(r.code, 0) << r.err;
    const json sweep = json::parse(readFile(out / "sweep.json"));
    ASSERT_EQ(sweep["runs"].size(), 2u) << sweep.dump();
    for (const auto& run : sweep["runs"]) {
        const double target = run["target"].get<double>();
        EXPECT_TRUE(run["within"].get<bool>()) << run.dump();
        EXPECT_NEAR(run["cost"].get<double>(), target, 0.05 * target + 1e-9) << run.dump();
        EXPECT_GT(run["test_accuracy"].get<double>(), 0.2) << run.dump(); // chance is 0.1
        EXPECT_TRUE(fs::exists(out / run["run"].get<std::string>() / "proxy" / "train.json"));
    }
    const fs::path first = out / sweep["runs"][0]["run"].get<std::string>();
    const fs::path second = out / sweep["runs"][1]["run"].get<std::string>();
    const auto firstWritten = fs::last_write_time(first / "metrics.jsonl");
    fs::remove_all(second / "final");
    fs::remove_all(second / "proxy");
    const CliResult again = runCli(args, dir_);
    ASSERT_EQ(again.code, 0) << again.err;
    EXPECT_NE(again.out.find("[1/2] target 4 MMAC: done"), std::string::npos) << again.out;
    EXPECT_EQ(fs::last_write_time(first / "metrics.jsonl"), firstWritten);
    EXPECT_TRUE(fs::exists(second / "final" / "summary.json"));
    EXPECT_TRUE(fs::exists(second / "proxy" / "train.json"));
    EXPECT_EQ(json::parse(readFile(out / "sweep.json"))["runs"].size(), 2u);

    const CliResult bad =
        runCli({"sweep", study.string(), "--targets", "4,x", "-o", (dir_ / "bad").string()}, dir_);
    EXPECT_EQ(bad.code, 2);
    EXPECT_NE(bad.err.find("--targets"), std::string::npos) << bad.err;
}

TEST_F(SearchWorkflow, KilledAtRandomPointsResumesLosingAtMostOneEpoch) {
    // 4 epochs of 1200 images log ~69 metrics lines (14 warm-up steps and the epoch line, then
    // 14 weight steps, 3 theta steps and the epoch line per epoch). Two kills at seeded random
    // lines (during a step, an epoch's end, sampling or the checkpoint after it), each followed
    // by `dnas resume`, the second resume running to the end.
    constexpr size_t kLines = 69;
    constexpr size_t kMargin = 4; // lines at the end the second kill stays clear of
    const fs::path run = dir_ / "killed";
    std::mt19937 rng(crashSeed());
    size_t killAt = std::uniform_int_distribution<size_t>(1, kLines / 2)(rng);
    pid_t pid = spawnCli(searchArgs(run, 4), dir_);
    for (int kill = 0; kill < 2; ++kill) {
        ASSERT_GT(pid, 0);
        std::cout << "seed " << crashSeed() << ": kill " << kill + 1 << " at metrics line "
                  << killAt << std::endl;
        ASSERT_TRUE(waitFor([&] { return completeLines(run / "metrics.jsonl") >= killAt; }));
        ::kill(pid, SIGKILL);
        ASSERT_EQ(waitCli(pid, dir_).code, 128 + SIGKILL);
        const int logged = checkRunFolder(run);

        auto resume = std::vector<std::string>{"resume", run.string(), "--json-progress"};
        if (kill == 1) {
            const CliResult r = runCli(resume, dir_);
            ASSERT_EQ(r.code, 0) << r.err;
            const int started = startedEpoch(dir_);
            EXPECT_TRUE(started == logged || started == logged - 1) << started << " " << logged;
            EXPECT_TRUE(noErrorEvents(r.out)) << r.out;
            break;
        }
        pid = spawnCli(resume, dir_);
        // The next kill comes after this resume has started and logged something new.
        ASSERT_TRUE(waitFor([&] { return startedEpoch(dir_) >= 0; }));
        const int started = startedEpoch(dir_);
        EXPECT_TRUE(started == logged || started == logged - 1) << started << " " << logged;
        // Not in the last lines: the run must still be going when the kill comes.
        killAt = std::uniform_int_distribution<size_t>(completeLines(run / "metrics.jsonl") + 1,
                                                       kLines - kMargin)(rng);
    }
    // Every epoch and every step logged once: what each killed epoch had appended was cut on
    // resume, and the steps of each phase run 0, 1, 2, ... without a gap.
    EXPECT_EQ(epochLines(run), (std::vector<int>{0, 1, 2, 3}));
    std::map<std::pair<int, std::string>, int> nextStep;
    for (const auto& j : jsonLines(run / "metrics.jsonl"))
        if (j["type"] == "step") {
            const int expected = nextStep[{j["epoch"].get<int>(), j["phase"]}]++;
            EXPECT_EQ(j["step"].get<int>(), expected) << j.dump();
        }
    checkRunFolder(run);
    EXPECT_TRUE(fs::exists(run / "final" / "summary.json"));
    for (const auto& e : fs::directory_iterator(run))
        EXPECT_NE(e.path().extension(), ".tmp") << e.path();
}

TEST_F(SearchWorkflow, KilledWhileWritingACheckpointResumes) {
    // DNAS_FAULT kills `dnas search` (SIGKILL) half-way through writing checkpoint write N
    // (1: the one before training, N >= 2: after epoch N-2), chosen by the seed.
    const fs::path run = dir_ / "fault";
    std::mt19937 rng(crashSeed());
    const int n = std::uniform_int_distribution<int>(2, 4)(rng);
    std::cout << "seed " << crashSeed() << ": kill in checkpoint write " << n << std::endl;
    const std::string fault = "checkpoint-write:" + std::to_string(n);
    ASSERT_EQ(::setenv("DNAS_FAULT", fault.c_str(), 1), 0);
    const CliResult killed = runCli(searchArgs(run, 3, 600), dir_);
    ::unsetenv("DNAS_FAULT");
    ASSERT_EQ(killed.code, 128 + SIGKILL) << killed.err;
    // Killed inside the temporary file; the checkpoint before it is whole and in place.
    EXPECT_TRUE(fs::exists(run / "checkpoint.pt.tmp"));
    EXPECT_FALSE(zipComplete(run / "checkpoint.pt.tmp"));
    EXPECT_EQ(checkRunFolder(run), n - 1);

    const CliResult r = runCli({"resume", run.string(), "--json-progress"}, dir_);
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(startedEpoch(dir_), n - 2); // the epoch whose checkpoint was lost runs again
    EXPECT_TRUE(noErrorEvents(r.out)) << r.out;
    EXPECT_EQ(epochLines(run), (std::vector<int>{0, 1, 2}));
    checkRunFolder(run);
    EXPECT_FALSE(fs::exists(run / "checkpoint.pt.tmp"));
}

} // namespace
