// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/util/TextFile.h"

#include "tests/support/ErrorOf.h"
#include "tests/support/TinyStudy.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>

using namespace dnas;
using dnas::testsupport::errorOf;
namespace fs = std::filesystem;

TEST(TextFile, ReadsEveryByte) {
    const fs::path dir = testsupport::freshDir("textfile");
    const std::string bytes = std::string("line 1\r\nline\0two\n", 17) + std::string(70000, 'x');
    std::ofstream(dir / "a.txt", std::ios::binary) << bytes;
    EXPECT_EQ(readTextFile((dir / "a.txt").string()), bytes);
    fs::remove_all(dir);
}

TEST(TextFile, MissingFileNamesIt) {
    const std::string msg = errorOf([] { readTextFile("/nonexistent-dnas/x.json"); });
    EXPECT_NE(msg.find("/nonexistent-dnas/x.json: cannot open"), std::string::npos) << msg;
}

TEST(TextFile, HugeFileRefusedWithoutReadingIt) {
    const fs::path dir = testsupport::freshDir("textfile-huge");
    const fs::path huge = dir / "huge.lut.json";
    std::ofstream(huge).put('{');
    // Sparse: 1 GB that costs no disk, refused from its size alone.
    fs::resize_file(huge, uint64_t(1) << 30);
    const std::string msg = errorOf([&] { readTextFile(huge.string()); });
    EXPECT_NE(msg.find(huge.string() + ": larger than 256 MB"), std::string::npos) << msg;
    fs::remove_all(dir);
}

TEST(TextFile, EndlessDeviceStopsAtTheLimit) {
    // /dev/zero has no size to check first: reading stops once the limit is passed.
    const std::string msg = errorOf([] { readTextFile("/dev/zero", 100000); });
    EXPECT_NE(msg.find("/dev/zero: larger than 100000 bytes"), std::string::npos) << msg;
}
