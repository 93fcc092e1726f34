// SPDX-License-Identifier: GPL-3.0-or-later
// The headless workflow end to end on real Fashion-MNIST (small --limit): search, kill -9 in
// mid-run and resume, sample, retrain. Labelled e2e: slower than a unit test, still in CI.
#include "CliProcess.h"

#include <chrono>
#include <csignal>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
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
        if (!line.empty()) out.push_back(json::parse(line));
    return out;
}

std::vector<int> epochLines(const fs::path& run) {
    std::vector<int> epochs;
    for (const auto& j : jsonLines(run / "metrics.jsonl"))
        if (j["type"] == "epoch") epochs.push_back(j["epoch"].get<int>());
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

    std::vector<std::string> searchArgs(const fs::path& out, int epochs) const {
        return {"search", "fmnist", "--cost", "macs", "--limit", "1200", "--epochs",
                std::to_string(epochs), "--warmup", "1", "--batch", "64", "--threads", "1",
                "--out", out.string()};
    }
    fs::path dir_;
};

TEST_F(SearchWorkflow, SearchSampleTrain) {
    const fs::path run = dir_ / "run";
    auto args = searchArgs(run, 3);
    args.push_back("--json-progress");
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

    const CliResult s = runCli({"sample", run.string(), "-k", "4", "--json"}, dir_);
    ASSERT_EQ(s.code, 0) << s.err;
    const json samples = json::parse(s.out)["samples"];
    ASSERT_GE(samples.size(), 1u);
    EXPECT_TRUE(samples[0]["is_argmax"].get<bool>());
    bool anyPareto = false;
    for (const auto& a : samples) anyPareto |= a["pareto"].get<bool>();
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

TEST_F(SearchWorkflow, KilledRunResumesFromTheLastEpoch) {
    const fs::path run = dir_ / "killed";
    const pid_t pid = spawnCli(searchArgs(run, 4), dir_);
    ASSERT_GT(pid, 0);
    // Kill -9 once the second epoch has been logged: no chance to write anything more.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(5);
    while (std::chrono::steady_clock::now() < deadline) {
        if (fs::exists(run / "metrics.jsonl") && epochLines(run).size() >= 2) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ::kill(pid, SIGKILL);
    const CliResult killed = waitCli(pid, dir_);
    ASSERT_EQ(killed.code, 128 + SIGKILL);
    ASSERT_GE(epochLines(run).size(), 2u);
    const CliResult r = runCli({"resume", run.string()}, dir_);
    ASSERT_EQ(r.code, 0) << r.err;
    // Every epoch logged once: what the killed epoch had appended was cut on resume.
    EXPECT_EQ(epochLines(run), (std::vector<int>{0, 1, 2, 3}));
    for (const auto& j : jsonLines(run / "theta.jsonl")) EXPECT_TRUE(j.contains("layers"));
    EXPECT_TRUE(fs::exists(run / "final" / "summary.json"));
}

} // namespace
