// SPDX-License-Identifier: GPL-3.0-or-later
// Architecture strings and *.arch.json files too large for any space are refused before they
// are split into ops.
#include "engine/space/Architecture.h"
#include "engine/space/SearchSpace.h"

#include "engine/util/InputLimits.h"
#include "tests/support/ErrorOf.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace dnas;
using dnas::testsupport::errorOf;

TEST(ArchitectureLimits, HugeStringRefusedBySize) {
    std::string huge;
    while (huge.size() <= kMaxArchStringBytes)
        huge += "k3_e1-";
    const std::string msg = errorOf([&] { Architecture::parseString(huge); });
    EXPECT_NE(msg.find("arch: architecture string of"), std::string::npos) << msg;
    EXPECT_NE(msg.find("at most 65536"), std::string::npos) << msg;
}

TEST(ArchitectureLimits, MoreOpsThanAnySpaceHasLayers) {
    std::string text = "skip";
    for (int i = 0; i < kMaxLayers; ++i)
        text += i % 2 ? ",k5_e6" : " k3_e1";
    EXPECT_NE(errorOf([&] { Architecture::parseString(text); }).find("more than 128 ops"),
              std::string::npos);
    // One op fewer is a legal length.
    EXPECT_EQ(Architecture::parseString(text.substr(0, text.rfind(','))).ops.size(),
              static_cast<size_t>(kMaxLayers));

    nlohmann::json j = {{"format", "dnas-arch/1"}, {"ops", nlohmann::json::array()}};
    for (int i = 0; i < 10000; ++i)
        j["ops"].push_back("k3_e1");
    const std::string msg = errorOf([&] { Architecture::fromJson(j, "many.arch.json"); });
    EXPECT_NE(msg.find("many.arch.json: ops: has 10000 ops"), std::string::npos) << msg;
}
