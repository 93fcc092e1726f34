// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/search/RunReader.h"

#include "engine/util/JsonFile.h"
#include "tests/support/ErrorOf.h"
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
