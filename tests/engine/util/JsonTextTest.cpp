// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/util/JsonText.h"

#include "tests/support/ErrorOf.h"

#include <gtest/gtest.h>

using namespace dnas;
using dnas::testsupport::errorOf;

namespace {
std::string nested(int depth) {
    return std::string(depth, '[') + std::string(depth, ']');
}
} // namespace

TEST(JsonText, ParsesUpToTheDepthLimit) {
    const nlohmann::json j = parseJsonText(nested(kMaxJsonDepth), "ok.json");
    EXPECT_TRUE(j.is_array());
    EXPECT_EQ(parseJsonText(R"({"a": [1, {"b": null}]})", "x.json")["a"][1]["b"], nullptr);
}

TEST(JsonText, DeepNestingRefusedBeforeItCanOverflowTheStack) {
    // 200,000 levels parse fine in nlohmann/json but crash a later copy or dump().
    const std::string msg =
        errorOf([] { parseJsonText(nested(200000), "deep.study.json", "line 3"); });
    EXPECT_NE(msg.find("deep.study.json: line 3: nested deeper than 64 levels"), std::string::npos)
        << msg;
    EXPECT_FALSE(errorOf([] { parseJsonText(nested(kMaxJsonDepth + 1), "x"); }).empty());
}

TEST(JsonText, SyntaxErrorNamesFileAndPosition) {
    const std::string msg = errorOf([] { parseJsonText("{\"a\": 1,\n}", "bad.lut.json"); });
    EXPECT_NE(msg.find("bad.lut.json: malformed JSON"), std::string::npos) << msg;
    EXPECT_NE(msg.find("line 2"), std::string::npos) << msg;
}

TEST(JsonText, NumberBeyondDoubleIsMalformedNotAnotherException) {
    // Found by fuzzing (tests/fuzz/corpus/FuzzHwNasBench/crash-number-overflow.json): nlohmann
    // throws out_of_range, not parse_error, for a number that overflows a double.
    const std::string msg = errorOf([] { parseJsonText("9E996", "raw_lut.json"); });
    EXPECT_NE(msg.find("raw_lut.json: malformed JSON"), std::string::npos) << msg;
    EXPECT_NE(msg.find("number overflow"), std::string::npos) << msg;
    EXPECT_FALSE(errorOf([] { parseJsonText(R"({"latency_us": -1e400})", "x"); }).empty());
}
