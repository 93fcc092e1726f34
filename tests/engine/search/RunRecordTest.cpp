// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/search/RunRecord.h"

#include "engine/search/SearchTypesJson.h"
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
constexpr const char* kEpochLine = R"({"type":"epoch","epoch":0,"temperature":5.0})";
constexpr const char* kStepLine = R"({"type":"step","epoch":0,"step":0,"loss":2.5})";

// A run folder of the tiny study with one epoch logged (two lines, one of them an epoch).
std::string runFolder(const std::string& name) {
    const std::string dir = testsupport::freshDir(name);
    writeJsonFileAtomic(dir + "/study.json", testsupport::tinyStudy().toJson());
    std::ofstream(dir + "/metrics.jsonl", std::ios::binary)
        << kStepLine << "\n"
        << kEpochLine << "\n"
        << R"({"type":"epo)"; // still being written: not counted
    return dir;
}

void finish(const std::string& dir, const std::string& arch) {
    fs::create_directories(dir + "/final");
    SampledArchitecture a;
    a.arch = arch;
    a.accuracy = 0.5;
    a.cost = 1234.0;
    writeJsonFileAtomic(
        dir + "/final/summary.json",
        {{"format", "dnas-search-summary/1"}, {"argmax", toJson(a)}, {"cost_unit", "MMAC"}});
}

void retrain(const std::string& dir, const std::string& sub, double accuracy) {
    fs::create_directories(dir + "/" + sub);
    writeJsonFileAtomic(
        dir + "/" + sub + "/train.json",
        {{"format", "dnas-train/1"}, {"test_accuracy", accuracy}, {"settings", {{"epochs", 3}}}});
}
} // namespace

TEST(RunRecord, ReadsTheStateTheDeliveredNetAndTheRetrainedAccuracy) {
    const std::string dir = runFolder("runrecord");
    RunRecord r = RunRecord::read(dir);
    EXPECT_EQ(r.name, fs::path(dir).filename().string());
    EXPECT_EQ(r.study.name, "tiny");
    EXPECT_EQ(r.state, RunState::Running); // its log just moved
    EXPECT_EQ(r.epochs_done, 1);
    EXPECT_FALSE(r.found);
    fs::last_write_time(dir + "/metrics.jsonl",
                        fs::file_time_type::clock::now() - RunRecord::kRunningWindow * 2);
    EXPECT_EQ(RunRecord::read(dir).state, RunState::Stopped);

    finish(dir, "k3_e1-k5_e3-skip");
    r = RunRecord::read(dir);
    EXPECT_EQ(r.state, RunState::Finished);
    ASSERT_TRUE(r.found);
    EXPECT_EQ(r.found->arch, "k3_e1-k5_e3-skip");
    EXPECT_DOUBLE_EQ(r.found->cost, 1234.0);
    EXPECT_EQ(r.cost_unit, "MMAC");
    EXPECT_FALSE(r.retrained);

    retrain(dir, "proxy", 0.6);
    r = RunRecord::read(dir);
    ASSERT_TRUE(r.retrained);
    EXPECT_EQ(r.retrained->kind, RetrainKind::Proxy);
    EXPECT_DOUBLE_EQ(r.retrained->test_accuracy, 0.6);
    EXPECT_EQ(r.retrained->epochs, 3);
    retrain(dir, "final", 0.7); // the study's recipe wins
    r = RunRecord::read(dir);
    EXPECT_EQ(r.retrained->kind, RetrainKind::Full);
    EXPECT_DOUBLE_EQ(r.retrained->test_accuracy, 0.7);
    fs::remove_all(dir);
}

TEST(RunRecord, BrokenFilesAreErrorsNamingTheFileAndField) {
    const std::string dir = runFolder("runrecord-bad");
    EXPECT_NE(errorOf([&] { RunRecord::read(dir + "/nowhere"); }).find("no study.json"),
              std::string::npos);
    finish(dir, "k3_e1-k5_e3-skip");
    writeJsonFileAtomic(dir + "/final/train.json",
                        {{"format", "dnas-train/1"}, {"test_accuracy", "high"}});
    const std::string msg = errorOf([&] { RunRecord::read(dir); });
    EXPECT_NE(msg.find(dir + "/final/train.json"), std::string::npos) << msg;
    EXPECT_NE(msg.find("test_accuracy"), std::string::npos) << msg;
    writeJsonFileAtomic(dir + "/final/summary.json", {{"format", "dnas-search-summary/1"}});
    const std::string summary = errorOf([&] { RunRecord::read(dir); });
    EXPECT_NE(summary.find(dir + "/final/summary.json"), std::string::npos) << summary;
    EXPECT_NE(summary.find("argmax"), std::string::npos) << summary;
    fs::remove_all(dir);
}
