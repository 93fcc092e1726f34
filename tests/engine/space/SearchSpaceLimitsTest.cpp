// SPDX-License-Identifier: GPL-3.0-or-later
// Spaces that would exhaust memory (absurd channels, a giant supernet, endless candidate lists)
// are refused with the file and field, before anything is built from them.
#include "engine/space/SearchSpace.h"

#include "engine/util/InputLimits.h"
#include "tests/support/ErrorOf.h"
#include "tests/support/TinyStudy.h"

#include <climits>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace dnas;
using dnas::testsupport::errorOf;
using nlohmann::json;

namespace {
json tinyJson() {
    return testsupport::tinySpace().toJson();
}
} // namespace

TEST(SearchSpaceLimits, AbsurdChannelsNameTheField) {
    json j = tinyJson();
    j["layers"][1]["c_out"] = 1000000;
    const std::string msg = errorOf([&] { SearchSpace::fromJson(j, "big.space.json"); });
    EXPECT_NE(msg.find("big.space.json: layers[1].c_out: must be in 1..8192, got 1000000"),
              std::string::npos)
        << msg;
    j = tinyJson();
    j["input"]["size"] = 1 << 30;
    EXPECT_NE(errorOf([&] { SearchSpace::fromJson(j, "s.json"); }).find("input.size"),
              std::string::npos);
}

TEST(SearchSpaceLimits, SupernetTooLargeForMemoryNamesTheLayer) {
    // Every channel count is allowed on its own, but 8192 -> 8192 with expansion 16 in every
    // candidate is ~1 G weights per op: the supernet would need tens of GB.
    SearchSpace s = testsupport::tinySpace();
    OpSpec wide;
    wide.name = "k3_e16";
    wide.expansion = 16;
    s.custom_ops[wide.name] = wide;
    s.stem_c_out = kMaxChannels;
    for (auto& l : s.layers) {
        l.c_out = kMaxChannels;
        l.candidates = {"k3_e16"};
    }
    const std::string msg = errorOf([&] { s.check("wide.space.json"); });
    EXPECT_NE(msg.find("wide.space.json: layers[0].c_out: the supernet would hold over"),
              std::string::npos)
        << msg;
    // The presets, FBNet's ImageNet space included, are far below the limit.
    for (const auto& name : SearchSpace::presetNames())
        EXPECT_TRUE(SearchSpace::load(name).validate().empty()) << name;
}

TEST(SearchSpaceLimits, CandidateListRefusedBeforeItIsCopied) {
    json j = tinyJson();
    j["layers"][0]["candidates"] = json::array();
    for (int i = 0; i < 100000; ++i)
        j["layers"][0]["candidates"].push_back("k3_e1");
    const std::string msg = errorOf([&] { SearchSpace::fromJson(j, "c.json", false); });
    EXPECT_NE(msg.find("c.json: layers[0].candidates: more than 64 candidates"), std::string::npos)
        << msg;
}

TEST(SearchSpaceLimits, CustomOpRangesAreValidatedForSpacesBuiltInCode) {
    // An arch_def or an editor can build ops without OpSpec::fromJson: a zero group count must
    // be a validation issue, not a division by zero.
    SearchSpace s = testsupport::tinySpace();
    OpSpec bad;
    bad.name = "bad";
    bad.groups = 0;
    bad.expansion = 1 << 30;
    s.custom_ops[bad.name] = bad;
    s.layers[0].candidates.push_back("bad");
    const auto issues = s.validate();
    ASSERT_EQ(issues.size(), 2u);
    EXPECT_EQ(issues[0].toString(), "ops.bad.expansion: must be in 1..16, got 1073741824");
    EXPECT_EQ(issues[1].toString(), "ops.bad.groups: must be in 1..8, got 0");
}

TEST(SearchSpaceLimits, ShapesOfAnUncheckedSpaceDoNotOverflow) {
    // The editor asks for shapes of spaces that do not validate; INT_MAX px must not wrap.
    SearchSpace s = testsupport::tinySpace();
    s.input_size = INT_MAX;
    s.stem_stride = 1;
    EXPECT_EQ(s.layerShapes()[2].h, INT_MAX / 2 + 1); // layer 1 has stride 2
    EXPECT_EQ(s.finalSize(), INT_MAX / 2 + 1);
    s.stem_stride = 2;
    EXPECT_EQ(s.stemOutSize(), INT_MAX / 2 + 1);
    EXPECT_FALSE(s.validate().empty());
}
