// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/search/RunReader.h"

#include "engine/util/JsonFile.h"
#include "tests/support/ErrorOf.h"
#include "tests/support/FinalistsSummary.h"
#include "tests/support/TinyStudy.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>

using namespace dnas;
using dnas::testsupport::errorOf;
namespace fs = std::filesystem;

namespace {
// A run folder with the tiny study and the given log contents.
std::string runFolder(const std::string& name, const std::string& metrics,
                      const std::string& theta = "", const std::string& samples = "") {
    const std::string dir = testsupport::freshDir(name);
    writeJsonFileAtomic(dir + "/study.json", testsupport::tinyStudy().toJson());
    std::ofstream(dir + "/metrics.jsonl", std::ios::binary) << metrics;
    std::ofstream(dir + "/theta.jsonl", std::ios::binary) << theta;
    std::ofstream(dir + "/samples.jsonl", std::ios::binary) << samples;
    return dir;
}
} // namespace

TEST(RunReader, FollowsCompleteLinesAndMatchesThetaToEpochs) {
    const std::string dir = runFolder(
        "runreader",
        R"({"type":"step","epoch":0,"step":0,"phase":"warmup","loss":2.5,"global_step":0})"
        "\n"
        R"({"type":"epoch","epoch":0,"temperature":5.0})"
        "\n"
        R"({"type":"step","epoch":1,"step":0,"pha)", // still being written
        R"({"epoch":0,"layers":[{"ops":["k3_e1","skip"],"probs":[0.25,0.75]}]})"
        "\n");
    RunReader reader(dir);
    const auto u = reader.poll();
    ASSERT_EQ(u.steps.size(), 1u);
    EXPECT_DOUBLE_EQ(u.steps[0].loss, 2.5);
    ASSERT_EQ(u.epochs.size(), 1u);
    ASSERT_EQ(u.epochs[0].layers.size(), 1u);
    EXPECT_EQ(u.epochs[0].layers[0].probs, (std::vector<double>{0.25, 0.75}));
    EXPECT_TRUE(reader.poll().empty()); // the partial line waits for its newline
    fs::remove_all(dir);
}

TEST(RunReader, LinesOfTheWrongShapeAreErrorsNamingTheLog) {
    // Found by the FuzzRunFolder target (tests/fuzz/corpus/FuzzRunFolder/crash-*): these threw
    // nlohmann's type_error out of poll() instead of a DnasError.
    const struct {
        const char* metrics;
        const char* theta;
        const char* log;
        const char* what;
    } cases[] = {
        {"{\"type\":5}\n", "", "metrics.jsonl", "type: expected a string"},
        {"[1]\n", "", "metrics.jsonl", "expected a JSON object"},
        {"", "{\"epoch\":\"x\",\"layers\":[]}\n", "theta.jsonl", "epoch: expected an integer"},
    };
    for (const auto& c : cases) {
        const std::string dir = runFolder("runreader-bad", c.metrics, c.theta);
        RunReader reader(dir);
        const std::string msg = errorOf([&] { reader.poll(); });
        EXPECT_NE(msg.find(dir + "/" + c.log), std::string::npos) << msg;
        EXPECT_NE(msg.find(c.what), std::string::npos) << msg;
        fs::remove_all(dir);
    }
}

TEST(RunReader, AFinishedRunReportsTheDeliveredNetOnce) {
    // The last epoch's samples hold the θ argmax; final/summary.json the net after the target
    // repair, which is what the run delivers.
    const std::string dir = runFolder(
        "runreader-final",
        R"({"type":"epoch","epoch":0,"temperature":5.0})"
        "\n",
        "",
        R"({"epoch":0,"cost_unit":"us","samples":[{"arch":"k3_e1","is_argmax":true,"accuracy":0.5,"cost":900}]})"
        "\n");
    RunReader reader(dir);
    EXPECT_FALSE(reader.poll().final); // not finished yet
    fs::create_directories(dir + "/final");
    writeJsonFileAtomic(
        dir + "/final/summary.json",
        {{"format", "dnas-search-summary/1"},
         {"cost_unit", "us"},
         {"argmax", {{"arch", "skip"}, {"epoch", 0}, {"accuracy", 0.4}, {"cost", 640.0}}}});
    const auto u = reader.poll();
    EXPECT_TRUE(u.finished);
    ASSERT_TRUE(u.final);
    ASSERT_EQ(u.final->samples.size(), 1u);
    EXPECT_EQ(u.final->samples[0].arch, "skip");
    EXPECT_TRUE(u.final->samples[0].is_argmax);
    EXPECT_DOUBLE_EQ(u.final->samples[0].cost, 640.0);
    EXPECT_EQ(u.final->cost_unit, "us");
    const auto again = reader.poll();
    EXPECT_TRUE(again.finished);
    EXPECT_FALSE(again.final);

    writeJsonFileAtomic(dir + "/final/summary.json", {{"format", "dnas-search-summary/1"}});
    RunReader fresh(dir);
    EXPECT_NE(errorOf([&] { fresh.poll(); }).find("argmax"), std::string::npos);
    fs::remove_all(dir);
}

// With finalists the summary keeps them all, the delivered (best fine-tuned) first; the run's
// final set is read back in that order, θ's argmax flagged where it is.
TEST(RunReader, AFinishedRunWithFinalistsReportsThemDeliveredFirst) {
    const std::string dir = runFolder("runreader-finalists", "");
    fs::create_directories(dir + "/final");
    writeJsonFileAtomic(dir + "/final/summary.json", testsupport::finalistsSummary());
    const auto u = RunReader(dir).poll();
    ASSERT_TRUE(u.final);
    ASSERT_EQ(u.final->samples.size(), 2u);
    EXPECT_EQ(u.final->samples[0].arch, "skip");
    EXPECT_FALSE(u.final->samples[0].is_argmax);
    EXPECT_DOUBLE_EQ(u.final->samples[0].fine_tuned, 0.8);
    EXPECT_TRUE(u.final->samples[1].is_argmax);
    EXPECT_DOUBLE_EQ(u.final->samples[1].fine_tuned, 0.7);
    fs::remove_all(dir);
}
