// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/export/ArchDefSpace.h"
#include "engine/cost/ModelCounter.h"
#include "engine/export/ArchDef.h"
#include "engine/space/Architecture.h"
#include "engine/util/DnasError.h"

#include <functional>
#include <gtest/gtest.h>

using namespace dnas;
using nlohmann::json;

namespace {
// FBNet's macro-architecture (docs/architecture.md §5): channels, layers and stride of each TBS
// stage.
struct StageRow {
    int c, n, s;
};
const std::vector<StageRow> kFbnetStages = {{16, 1, 1},  {24, 4, 2},  {32, 4, 2}, {64, 4, 2},
                                            {112, 4, 1}, {184, 4, 2}, {352, 1, 1}};
constexpr int kFbnetStem = 16;   // conv 3x3, stride 2
constexpr int kFbnetInput = 224; // ImageNet

// An FBNet reference model the way mobile-vision's model zoo writes it: no "format", no input
// size, one list per stage, e = {"expansion": E} kwargs, and the _g2 block names carrying the
// groups themselves.
json mobileVisionArchDef(const Architecture& arch, int head) {
    json stages = json::array();
    stages.push_back(json::array({json::array({"conv_k3", kFbnetStem, 2, 1})}));
    size_t layer = 0;
    for (const StageRow& st : kFbnetStages) {
        json blocks = json::array();
        for (int i = 0; i < st.n; ++i, ++layer) {
            const std::string& op = arch.ops.at(layer);
            const int stride = i == 0 ? st.s : 1;
            if (op == "skip") {
                blocks.push_back(json::array({"skip", st.c, stride, 1}));
                continue;
            }
            const OpSpec* spec = findBuiltinOp(op);
            std::string name = "ir_k" + std::to_string(spec->kernel);
            if (spec->groups > 1)
                name += "_g" + std::to_string(spec->groups);
            blocks.push_back(
                json::array({name, st.c, stride, 1, {{"expansion", spec->expansion}}}));
        }
        stages.push_back(blocks);
    }
    stages.push_back(json::array({json::array({"conv_k1", head, 1, 1})}));
    return {{"blocks", stages}};
}

Architecture firstCandidates(const SearchSpace& space) {
    Architecture a;
    for (const auto& l : space.layers)
        a.ops.push_back(l.candidates.front());
    return a;
}

std::string errorOf(const std::function<void()>& fn) {
    try {
        fn();
    } catch (const DnasError& e) {
        return e.what();
    }
    return "no error";
}
} // namespace

TEST(ArchDefSpace, EveryBlockOfWhatArchDefWritesBecomesALayerStartingWithItsOp) {
    const SearchSpace space = SearchSpace::load("fbnet-fmnist");
    Architecture arch = firstCandidates(space);
    arch.ops[1] = "skip";
    arch.ops[2] = "k5_e6";
    const json written = ArchDef::write(space, arch);

    const SearchSpace only = ArchDefSpace::fromJson(written, "fmnist.arch_def.json", {});
    ASSERT_EQ(only.layers.size(), space.layers.size());
    for (size_t l = 0; l < space.layers.size(); ++l) {
        SCOPED_TRACE(l);
        EXPECT_EQ(only.layers[l].candidates, std::vector<std::string>{arch.ops[l]});
        EXPECT_EQ(only.layers[l].c_out, space.layers[l].c_out);
        EXPECT_EQ(only.layers[l].stride, space.layers[l].stride);
    }
    EXPECT_EQ(only.input_size, space.input_size);
    EXPECT_EQ(only.input_channels, space.input_channels);
    EXPECT_EQ(only.stem_c_out, space.stem_c_out);
    EXPECT_EQ(only.head_c_out, space.head_c_out);
    EXPECT_EQ(only.numArchitectures(), 1.0);

    ArchDefSpace::Options all;
    all.moreCandidates = fbnetOpNames();
    const SearchSpace family = ArchDefSpace::fromJson(written, "fmnist.arch_def.json", all);
    EXPECT_TRUE(family.validate().empty()) << family.validate().front().toString();
    for (size_t l = 0; l < family.layers.size(); ++l) {
        const auto& c = family.layers[l].candidates;
        EXPECT_EQ(c.front(), arch.ops[l]) << l;
        EXPECT_EQ(c.size(), fbnetOpNames().size()) << l; // the nine, none twice
        EXPECT_EQ(family.layers[l].stage, only.layers[l].stage) << l;
    }
}

TEST(ArchDefSpace, ReadsMobileVisionsFbnetReferenceModelsWithTheirCounts) {
    SearchSpace fbnet = SearchSpace::load("fbnet");
    fbnet.always_pw = false; // mobile-vision's PyTorch models drop the e=1 expansion conv
    for (const char* name : {"fbnet-a", "fbnet-b", "fbnet-c"}) {
        SCOPED_TRACE(name);
        const Architecture ref = *Architecture::reference(name);
        const SearchSpace want = ref.applyTo(fbnet);
        const json def = mobileVisionArchDef(ref, want.head_c_out);

        const SearchSpace got = ArchDefSpace::fromJson(def, std::string(name) + ".json", {});
        EXPECT_EQ(got.input_size, kFbnetInput); // mobile-vision's default
        EXPECT_FALSE(got.always_pw);
        EXPECT_EQ(got.head_c_out, want.head_c_out);
        ASSERT_EQ(got.layers.size(), want.layers.size());
        for (size_t l = 0; l < want.layers.size(); ++l) {
            EXPECT_EQ(got.layers[l].c_out, want.layers[l].c_out) << l;
            EXPECT_EQ(got.layers[l].stride, want.layers[l].stride) << l;
        }
        const Architecture gotArch = firstCandidates(got);
        EXPECT_EQ(gotArch.ops, ref.ops);
        const OpCount a = ModelCounter::count(got, gotArch).total();
        const OpCount b = ModelCounter::count(want, ref).total();
        EXPECT_EQ(a.macs, b.macs);
        EXPECT_EQ(a.params, b.params);
    }
}

TEST(ArchDefSpace, PicksANamedEntryOfARegistry) {
    const Architecture a = *Architecture::reference("fbnet-a");
    const Architecture c = *Architecture::reference("fbnet-c");
    const json registry = {{"FBNet_a", mobileVisionArchDef(a, 1504)},
                           {"FBNet_c", mobileVisionArchDef(c, 1984)}};
    EXPECT_EQ(ArchDefSpace::entries(registry), (std::vector<std::string>{"FBNet_a", "FBNet_c"}));
    EXPECT_TRUE(ArchDefSpace::entries(registry["FBNet_a"]).empty());

    std::string msg = errorOf([&] { ArchDefSpace::fromJson(registry, "zoo.json", {}); });
    EXPECT_NE(msg.find("zoo.json: holds 2 arch_defs (FBNet_a, FBNet_c); name one"),
              std::string::npos)
        << msg;
    ArchDefSpace::Options pick;
    pick.name = "FBNet_c";
    const SearchSpace got = ArchDefSpace::fromJson(registry, "zoo.json", pick);
    EXPECT_EQ(got.name, "FBNet_c");
    EXPECT_EQ(firstCandidates(got).ops, c.ops);
    EXPECT_EQ(got.head_c_out, 1984);

    pick.name = "FBNet_x";
    msg = errorOf([&] { ArchDefSpace::fromJson(registry, "zoo.json", pick); });
    EXPECT_NE(msg.find("zoo.json: FBNet_x: no such arch_def"), std::string::npos) << msg;
    msg = errorOf([&] { ArchDefSpace::fromJson(json{{"x", 1}}, "none.json", {}); });
    EXPECT_NE(msg.find("none.json: blocks: missing"), std::string::npos) << msg;
}

TEST(ArchDefSpace, LeavesOutAddedCandidatesThatDoNotFitALayer) {
    // 9 stem channels: a two-group block cannot follow it, but it can follow 10 channels.
    const json def = json::parse(R"({"input_size": 32, "blocks": [
        [["conv_k3", 9, 1, 1]],
        [["ir_k3", 10, 1, 1, {"expansion": 1}], ["ir_k5", 16, 2, 1, {"expansion": 6}]],
        [["conv_k1", 64, 1, 1]]]})");
    ArchDefSpace::Options opts;
    opts.moreCandidates = {"k3_e1_g2", "skip", "k5_e1_g2"};
    const SearchSpace s = ArchDefSpace::fromJson(def, "odd.json", opts);
    EXPECT_EQ(s.layers[0].candidates, (std::vector<std::string>{"k3_e1", "skip"}));
    EXPECT_EQ(s.layers[1].candidates,
              (std::vector<std::string>{"k5_e6", "k3_e1_g2", "skip", "k5_e1_g2"}));
    EXPECT_TRUE(s.validate().empty());

    opts.moreCandidates = {"k9_e9"};
    const std::string msg = errorOf([&] { ArchDefSpace::fromJson(def, "odd.json", opts); });
    EXPECT_NE(msg.find("unknown op \"k9_e9\""), std::string::npos) << msg;
}
