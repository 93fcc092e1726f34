// SPDX-License-Identifier: GPL-3.0-or-later
// `dnas search --nproc 2` on loopback: two processes follow one process's θ trajectory (same
// global batch and seed) with gradients in many small buckets and in one (the resumed run), an
// interrupted two-process run resumes to the same result, a local batch-norm run keeps its
// ranks identical with no batch-norm collective, and a killed rank makes the other fail with a
// clear error instead of hanging. Tiny space, small --limit; labelled e2e.
#include "tests/cli/CliProcess.h"

#include <chrono>
#include <csignal>
#include <gtest/gtest.h>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

namespace fs = std::filesystem;
using nlohmann::json;
using namespace dnas::testsupport;
using Clock = std::chrono::steady_clock;

namespace {

constexpr double kThetaTolerance = 1e-4; // the issue's bound on the probabilities
constexpr double kLossTolerance = 1e-5;  // per-step loss, relative (float summation order)
// Short on purpose: no warm-up, 3 θ steps per epoch. Over longer runs float rounding (which
// differs between 1 and 2 threads of one process too) grows until Adam's sign-like first
// steps flip on near-zero θ gradients; here 1 and 2 processes agree to ~1e-8.
constexpr int kEpochs = 3;
// FBNet's smooth loss: the target loss's |E/T − 1| turns on float summation order near T.
const char* const kSettings = "--data /usr/share/datasets/fashion-mnist --cost macs --limit 320 "
                              "--warmup 0 --batch 16 --seed 5 --threads 1 --loss multiplicative";
constexpr auto kDeadline = std::chrono::minutes(10); // a hung run fails the test, not CI

// Three searchable layers on 28x28 Fashion-MNIST (tests/support/TinyStudy.h's space).
const char* const kTinySpace = R"({
  "format": "dnas-space/1", "name": "tiny", "input": {"channels": 1, "size": 28},
  "num_classes": 10, "stem": {"c_out": 8, "stride": 2},
  "layers": [
    {"c_out": 8, "stride": 1, "candidates": ["k3_e1", "k3_e3", "skip"], "stage": 0},
    {"c_out": 16, "stride": 2, "candidates": ["k3_e1", "k5_e3", "skip"], "stage": 1},
    {"c_out": 16, "stride": 1, "candidates": ["k3_e1_g2", "k3_e6", "skip"], "stage": 1}],
  "head": {"c_out": 32}, "ops": {}, "options": {"always_pw": true}})";

std::vector<json> jsonLines(const fs::path& file) {
    std::vector<json> out;
    std::istringstream in(readFile(file));
    std::string line;
    while (std::getline(in, line))
        if (!line.empty())
            out.push_back(json::parse(line));
    return out;
}

// The search's collective counter: all-reduces per step of each phase ("w", "theta"), from the
// epoch lines of metrics.jsonl (the largest over the epochs).
std::map<std::string, double> callsPerStep(const fs::path& run) {
    std::map<std::string, double> out;
    for (const auto& j : jsonLines(run / "metrics.jsonl"))
        if (j["type"] == "epoch" && j.contains("collectives"))
            for (const auto& [phase, c] : j["collectives"].items())
                out[phase] = std::max(out[phase], c["calls_per_step"].get<double>());
    return out;
}

std::vector<double> stepLosses(const fs::path& run) {
    std::vector<double> out;
    for (const auto& j : jsonLines(run / "metrics.jsonl"))
        if (j["type"] == "step")
            out.push_back(j["loss"].get<double>());
    return out;
}

// Largest difference between two runs' per-epoch probabilities (every layer, every op).
double thetaDistance(const fs::path& a, const fs::path& b) {
    const auto ta = jsonLines(a / "theta.jsonl"), tb = jsonLines(b / "theta.jsonl");
    EXPECT_EQ(ta.size(), size_t(kEpochs));
    EXPECT_EQ(tb.size(), size_t(kEpochs));
    double worst = 0.0;
    for (size_t e = 0; e < std::min(ta.size(), tb.size()); ++e)
        for (size_t l = 0; l < ta[e]["layers"].size(); ++l) {
            const auto& pa = ta[e]["layers"][l]["probs"];
            const auto& pb = tb[e]["layers"][l]["probs"];
            for (size_t i = 0; i < pa.size(); ++i)
                worst = std::max(worst, std::abs(pa[i].get<double>() - pb[i].get<double>()));
        }
    return worst;
}

// Waits for `pid` up to the deadline; a run still going then is killed (and fails the test).
CliResult waitAtMost(pid_t pid, const fs::path& dir, std::chrono::seconds limit,
                     double* seconds = nullptr) {
    const auto t0 = Clock::now();
    int status = 0;
    while (::waitpid(pid, &status, WNOHANG) == 0) {
        if (Clock::now() - t0 > limit) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            ADD_FAILURE() << "still running after " << limit.count() << " s";
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    if (seconds)
        *seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    CliResult r;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = readFile(dir / "stdout.txt");
    r.err = readFile(dir / "stderr.txt");
    return r;
}

// Polls until `ready` holds; false at the deadline.
template <class F> bool waitUntil(F ready, std::chrono::seconds limit = std::chrono::seconds(300)) {
    const auto t0 = Clock::now();
    while (!ready()) {
        if (Clock::now() - t0 > limit)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return true;
}

// The child of `parent` whose command line has "--rank <rank>", or -1.
pid_t childRank(pid_t parent, int rank) {
    for (const auto& entry : fs::directory_iterator("/proc")) {
        const std::string name = entry.path().filename().string();
        if (name.find_first_not_of("0123456789") != std::string::npos)
            continue;
        const std::string stat = readFile(entry.path() / "stat");
        const auto close = stat.rfind(')');
        if (close == std::string::npos)
            continue;
        std::istringstream rest(stat.substr(close + 2));
        std::string state;
        pid_t ppid = 0;
        rest >> state >> ppid;
        if (ppid != parent)
            continue;
        const std::string cmd = readFile(entry.path() / "cmdline");
        if (cmd.find(std::string("--rank\0", 7) + std::to_string(rank) + '\0') != std::string::npos)
            return static_cast<pid_t>(std::stoi(name));
    }
    return -1;
}

class DistributedSearch : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = fs::temp_directory_path() / ("dnas-dist-" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        std::ofstream(dir_ / "tiny.space.json") << kTinySpace;
    }
    static void TearDownTestSuite() { fs::remove_all(dir_); }

    static std::vector<std::string> searchArgs(const fs::path& out, int epochs = kEpochs) {
        std::vector<std::string> args = {"search",
                                         "--space",
                                         (dir_ / "tiny.space.json").string(),
                                         "--epochs",
                                         std::to_string(epochs),
                                         "--out",
                                         out.string()};
        std::istringstream rest(kSettings);
        for (std::string a; rest >> a;)
            args.push_back(a);
        return args;
    }
    static std::vector<std::string> with(std::vector<std::string> args,
                                         const std::vector<std::string>& more) {
        args.insert(args.end(), more.begin(), more.end());
        return args;
    }
    // One process, the whole batch: the trajectory the others must follow (run once).
    static const fs::path& reference() {
        static const fs::path run = [] {
            const fs::path out = dir_ / "one";
            const fs::path logs = dir_ / "one-logs";
            fs::create_directories(logs);
            const CliResult r = runCli(searchArgs(out), logs);
            EXPECT_EQ(r.code, 0) << r.err;
            return out;
        }();
        return run;
    }
    static fs::path logsFor(const std::string& name) {
        fs::create_directories(dir_ / name);
        return dir_ / name;
    }
    static fs::path dir_;
};
fs::path DistributedSearch::dir_;

TEST_F(DistributedSearch, TwoProcessesFollowOneProcesssThetaTrajectory) {
    const fs::path two = dir_ / "two";
    const fs::path logs = logsFor("two-logs");
    // Buckets of ~1 KB: dozens per step, started from the gradient hooks during backward (the
    // resumed run below keeps the default, one bucket per step on this tiny space).
    const CliResult r =
        waitAtMost(spawnCli(with(searchArgs(two), {"--nproc", "2", "--bucket-mb", "0.001"}), logs),
                   logs, std::chrono::duration_cast<std::chrono::seconds>(kDeadline));
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_LT(thetaDistance(reference(), two), kThetaTolerance);
    // Same steps, logged once (by rank 0), with the global batch's loss at every step.
    const auto a = stepLosses(reference()), b = stepLosses(two);
    ASSERT_EQ(a.size(), b.size());
    ASSERT_GT(a.size(), 40u);
    for (size_t i = 0; i < a.size(); ++i)
        EXPECT_NEAR(b[i], a[i], kLossTolerance * std::abs(a[i])) << "step " << i;
    // θ moved at all: otherwise equal trajectories would prove nothing.
    const auto theta = jsonLines(two / "theta.jsonl");
    ASSERT_FALSE(theta.empty());
    const auto probs = theta.back()["layers"][0]["probs"];
    EXPECT_GT(std::abs(probs[0].get<double>() - 1.0 / 3.0), 10 * kThetaTolerance);
    EXPECT_TRUE(fs::exists(two / "final" / "arch.json"));
    // Global batch norm: two all-reduces per batch norm on top of the step's own.
    EXPECT_GT(callsPerStep(two)["w"], 10.0);
}

TEST_F(DistributedSearch, LocalBatchNormKeepsTheRanksIdenticalWithoutItsCollectives) {
    const fs::path run = dir_ / "local";
    const fs::path logs = logsFor("local-logs");
    const CliResult r = waitAtMost(
        spawnCli(with(searchArgs(run, 2), {"--nproc", "2", "--dist-batch-norm", "local"}), logs),
        logs, std::chrono::duration_cast<std::chrono::seconds>(kDeadline));
    // Each epoch ends with the ranks' weights and statistics compared: a drift is exit code 2.
    ASSERT_EQ(r.code, 0) << r.err;
    // The stop check, the gradients (one bucket) and the step's metrics: nothing per batch norm.
    const auto calls = callsPerStep(run);
    EXPECT_EQ(calls.at("w"), 3.0);
    EXPECT_EQ(calls.at("theta"), 3.0);
    // Frozen into the run, so a resume keeps it.
    EXPECT_EQ(json::parse(readFile(run / "study.json"))["settings"]["dist_batch_norm"], "local");
}

TEST_F(DistributedSearch, AnInterruptedTwoProcessRunResumesToTheSameResult) {
    const fs::path run = dir_ / "interrupted";
    const fs::path logs = logsFor("interrupted-logs");
    const pid_t pid = spawnCli(with(searchArgs(run), {"--nproc", "2"}), logs);
    ASSERT_GT(pid, 0);
    // Ctrl-C once the first steps are logged (metrics.jsonl is flushed per line).
    ASSERT_TRUE(waitUntil(
        [&] { return fs::exists(run / "metrics.jsonl") && stepLosses(run).size() >= 2; }));
    ::kill(pid, SIGINT);
    const CliResult stopped = waitAtMost(pid, logs, std::chrono::seconds(120));
    ASSERT_EQ(stopped.code, 1) << stopped.err; // stopped, resumable
    ASSERT_LT(jsonLines(run / "theta.jsonl").size(), size_t(kEpochs));
    const CliResult resumed =
        waitAtMost(spawnCli({"resume", run.string(), "--nproc", "2"}, logs), logs,
                   std::chrono::duration_cast<std::chrono::seconds>(kDeadline));
    ASSERT_EQ(resumed.code, 0) << resumed.err;
    EXPECT_LT(thetaDistance(reference(), run), kThetaTolerance);
    EXPECT_EQ(stepLosses(run).size(), stepLosses(reference()).size());
}

TEST_F(DistributedSearch, AKilledRankMakesTheOtherFailWithinTheTimeout) {
    const fs::path run = dir_ / "killed";
    const fs::path logs = logsFor("killed-logs");
    const pid_t pid =
        spawnCli(with(searchArgs(run, 50), {"--nproc", "2", "--dist-timeout", "5"}), logs);
    ASSERT_GT(pid, 0);
    ASSERT_TRUE(waitUntil(
        [&] { return fs::exists(run / "metrics.jsonl") && stepLosses(run).size() >= 3; }));
    const pid_t rank1 = childRank(pid, 1);
    ASSERT_GT(rank1, 0);
    ::kill(rank1, SIGKILL);
    double seconds = 0.0;
    const CliResult r = waitAtMost(pid, logs, std::chrono::seconds(120), &seconds);
    EXPECT_EQ(r.code, 2) << r.err;
    // Rank 0 noticed by itself (the launcher would only kill it after timeout + grace).
    EXPECT_NE(r.err.find("rank 1 stopped responding ("), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("rank 1 was killed by a signal"), std::string::npos) << r.err;
    EXPECT_LT(seconds, 5.0 + 10.0);
    // Rank 0 had checkpointed the start: the run folder stays resumable.
    EXPECT_TRUE(fs::exists(run / "checkpoint.pt"));
}

} // namespace
