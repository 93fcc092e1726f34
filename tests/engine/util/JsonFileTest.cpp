// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/util/JsonFile.h"

#include "tests/support/ErrorOf.h"
#include "tests/support/ScopedFileSizeLimit.h"
#include "tests/support/TinyStudy.h"

#include <filesystem>
#include <gtest/gtest.h>

using namespace dnas;
using dnas::testsupport::errorOf;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {
std::vector<std::string> filesIn(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir))
        names.push_back(e.path().filename());
    std::sort(names.begin(), names.end());
    return names;
}
} // namespace

TEST(JsonFile, AtomicWriteRoundTrips) {
    const fs::path dir = testsupport::freshDir("jsonfile");
    const std::string path = (dir / "a.json").string();
    writeJsonFileAtomic(path, {{"format", "x/1"}, {"v", 1}});
    writeJsonFileAtomic(path, {{"format", "x/1"}, {"v", 2}});
    EXPECT_EQ(readJsonFile(path)["v"], 2);
    EXPECT_EQ(filesIn(dir), std::vector<std::string>{"a.json"}); // no temporary left behind
    fs::remove_all(dir);
}

TEST(JsonFile, WriteFailingHalfWayKeepsThePreviousFile) {
    // A file size limit makes write() fail part-way (EFBIG), as a full disk would; also as root.
    const fs::path dir = testsupport::freshDir("jsonfile-efbig");
    const std::string path = (dir / "study.json").string();
    const json before = {{"format", "dnas-study/1"}, {"name", "before"}};
    writeJsonFileAtomic(path, before);
    constexpr rlim_t kLimit = 4096; // bytes: the new document is larger
    std::string msg;
    {
        testsupport::ScopedFileSizeLimit limit(kLimit);
        ASSERT_TRUE(limit.ok());
        msg = errorOf([&] {
            writeJsonFileAtomic(path,
                                {{"format", "dnas-study/1"}, {"name", std::string(20000, 'x')}});
        });
    }
    EXPECT_NE(msg.find(path + ": write failed"), std::string::npos) << msg;
    EXPECT_EQ(readJsonFile(path), before);
    EXPECT_EQ(filesIn(dir), std::vector<std::string>{"study.json"});
    fs::remove_all(dir);
}

TEST(JsonFile, UnwritablePlacesAreErrorsNamingTheFile) {
    const fs::path dir = testsupport::freshDir("jsonfile-bad");
    const std::string missing = (dir / "no-such-folder" / "a.json").string();
    EXPECT_NE(errorOf([&] {
                  writeJsonFileAtomic(missing, json::object());
              }).find(missing + ": cannot write"),
              std::string::npos);
    // The target is a folder: the rename fails and the temporary file is removed again.
    fs::create_directories(dir / "taken.json" / "inside");
    const std::string taken = (dir / "taken.json").string();
    EXPECT_NE(errorOf([&] {
                  writeJsonFileAtomic(taken, json::object());
              }).find(taken + ": cannot replace"),
              std::string::npos);
    EXPECT_EQ(filesIn(dir), std::vector<std::string>{"taken.json"});
    fs::remove_all(dir);
}

TEST(JsonFile, HugeUnsignedIntegersAreOutOfRangeNotWrapped) {
    // 2^64 - 1 once read back as -1; 2^32 + 16 as 16.
    for (const char* text :
         {R"({"n": 18446744073709551615})", R"({"n": 4294967312})", R"({"n": -4294967296})"}) {
        const json j = json::parse(text);
        const std::string msg = errorOf([&] { JsonReader(j, "f.json").getInt("n"); });
        EXPECT_NE(msg.find("f.json: n: integer out of range"), std::string::npos) << msg;
    }
    EXPECT_EQ(JsonReader(json::parse(R"({"n": 2147483647})"), "f").getInt("n"), 2147483647);
    EXPECT_EQ(JsonReader(json::parse(R"({"n": -7})"), "f").getInt("n"), -7);
}
