// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/export/ArchDef.h"
#include "engine/cost/ModelCounter.h"
#include "engine/util/DnasError.h"
#include "tests/engine/export/ExportTestUtil.h"

#include <gtest/gtest.h>

using namespace dnas;

namespace {
void expectRoundTrip(const SearchSpace& space, const Architecture& arch) {
    const nlohmann::json j = ArchDef::write(space, arch);
    // Through text, as a file would go.
    const ArchDefModel m = ArchDef::read(nlohmann::json::parse(j.dump()), "arch_def.json");
    EXPECT_EQ(m.arch.ops, arch.ops) << j.dump();
    const SearchSpace applied = arch.applyTo(space);
    ASSERT_EQ(m.space.layers.size(), applied.layers.size());
    for (size_t l = 0; l < applied.layers.size(); ++l) {
        EXPECT_EQ(m.space.layers[l].c_out, applied.layers[l].c_out) << l;
        EXPECT_EQ(m.space.layers[l].stride, applied.layers[l].stride) << l;
        OpSpec a = applied.op(arch.ops[l]), b = m.space.op(m.arch.ops[l]);
        EXPECT_TRUE(a == b) << l << " " << arch.ops[l];
    }
    EXPECT_EQ(m.space.head_c_out, applied.head_c_out);
    EXPECT_EQ(m.space.stem_c_out, applied.stem_c_out);
    EXPECT_EQ(m.space.input_size, applied.input_size);
    const OpCount want = ModelCounter::count(space, arch).total();
    const OpCount got = ModelCounter::count(m.space, m.arch).total();
    EXPECT_EQ(got.macs, want.macs);
    EXPECT_EQ(got.params, want.params);
}
} // namespace

TEST(ArchDef, FbnetReferenceModelsRoundTripWithSameCounts) {
    for (const char* spaceName : {"fbnet", "fbnet-cifar"}) {
        const SearchSpace space = SearchSpace::load(spaceName);
        for (const char* name : {"fbnet-a", "fbnet-b", "fbnet-c"}) {
            SCOPED_TRACE(std::string(spaceName) + " " + name);
            expectRoundTrip(space, Architecture::resolve(name, space));
        }
    }
}

TEST(ArchDef, WritesTheMobileVisionMapping) {
    SearchSpace space = SearchSpace::load("fbnet");
    space.always_pw = false; // the mobile-vision convention: no always_pw kwarg
    const Architecture a = Architecture::resolve("fbnet-a", space);
    const nlohmann::json j = ArchDef::write(space, a);
    EXPECT_EQ(j["input_size"], 224);
    const auto& stages = j["blocks"];
    EXPECT_EQ(stages.front()[0], nlohmann::json::parse(R"(["conv_k3",16,2,1])"));
    EXPECT_EQ(stages.back()[0], nlohmann::json::parse(R"(["conv_k1",1504,1,1])"));
    // Layer 0 is skip, layer 1 k3_e3 (24 channels, stride 2), layer 11 k5_e1_g2.
    std::vector<nlohmann::json> flat;
    for (const auto& s : stages)
        for (const auto& b : s)
            flat.push_back(b);
    EXPECT_EQ(flat[1], nlohmann::json::parse(R"(["skip",16,1,1])"));
    EXPECT_EQ(flat[2], nlohmann::json::parse(R"(["ir_k3",24,2,1,{"expansion":3}])"));
    EXPECT_EQ(flat[12],
              nlohmann::json::parse(R"(["ir_k5_g2",64,1,1,{"expansion":1},{"pwl_groups":2}])"));
    expectRoundTrip(space, a);
}

TEST(ArchDef, CustomOpsRoundTrip) {
    const SearchSpace space = exporttest::customSpace();
    const Architecture arch = exporttest::onlyCandidates(space);
    const nlohmann::json j = ArchDef::write(space, arch);
    const std::string text = j.dump();
    for (const char* name : {"\"ir_k7\"", "\"ir_k3_se\"", "\"ir_k5_hs\"", "\"ir_k3_sehsig_hs\"",
                             "\"ir_k3_g2\"", "\"ir_k5_g2\"", "\"skip\""})
        EXPECT_NE(text.find(name), std::string::npos) << name << " in " << text;
    expectRoundTrip(space, arch);
}

TEST(ArchDef, RefusesOpsWithoutAMobileVisionNameAndNamesThem) {
    SearchSpace space = exporttest::customSpace();
    space.layers[5].candidates = {"k3_e1_g2_se"};
    Architecture arch = exporttest::onlyCandidates(space);
    try {
        ArchDef::write(space, arch);
        FAIL() << "grouped SE block should be refused";
    } catch (const DnasError& e) {
        EXPECT_NE(std::string(e.what()).find("k3_e1_g2_se"), std::string::npos) << e.what();
    }
}

TEST(ArchDef, ReadRejectsUnknownBlocks) {
    const nlohmann::json j = nlohmann::json::parse(
        R"({"input_size":32,"blocks":[[["conv_k3",16,1,1]],[["ir_pool",16,1,1]],[["conv_k1",64,1,1]]]})");
    EXPECT_THROW(ArchDef::read(j, "x.json"), DnasError);
    // mobile-vision's repeat count expands into layers; only the first keeps the stride.
    const nlohmann::json r = nlohmann::json::parse(
        R"({"input_size":32,"blocks":[[["conv_k3",16,1,1]],[["ir_k3",24,2,3,{"expansion":6}]],[["conv_k1",64,1,1]]]})");
    const ArchDefModel m = ArchDef::read(r, "r.json");
    ASSERT_EQ(m.arch.ops.size(), 3u);
    EXPECT_EQ(m.arch.ops[0], "k3_e6");
    EXPECT_EQ(m.space.layers[0].stride, 2);
    EXPECT_EQ(m.space.layers[2].stride, 1);
}

TEST(ArchDef, ReadRefusesWhatWouldExhaustMemoryOrDivideByZero) {
    auto errorOf = [](const char* text) {
        try {
            ArchDef::read(nlohmann::json::parse(text), "big.json");
        } catch (const DnasError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    // 2^31 - 1 repeats were expanded into layers one by one before the space was checked.
    std::string msg = errorOf(
        R"({"input_size":32,"blocks":[[["conv_k3",16,1,1]],[["ir_k3",16,1,2147483647,{"expansion":1}]],[["conv_k1",64,1,1]]]})");
    EXPECT_NE(msg.find("big.json: blocks[1][0].3: repeats 2147483647 must be >= 1"),
              std::string::npos)
        << msg;
    // 2^32 + 16 channels used to wrap to 16.
    msg = errorOf(
        R"({"input_size":32,"blocks":[[["conv_k3",4294967312,1,1]],[["skip",16,1,1]],[["conv_k1",64,1,1]]]})");
    EXPECT_NE(msg.find("channels out of range"), std::string::npos) << msg;
    // A zero group count or a huge expansion from the kwargs is a validation error, not SIGFPE
    // or an overflow in the channel arithmetic.
    msg = errorOf(
        R"({"input_size":32,"blocks":[[["conv_k3",16,1,1]],[["ir_k3_g2",16,1,1,{"expansion":1},{"pwl_groups":0}]],[["conv_k1",64,1,1]]]})");
    EXPECT_NE(msg.find("groups: must be in 1..8, got 0"), std::string::npos) << msg;
    msg = errorOf(
        R"({"input_size":32,"blocks":[[["conv_k3",16,1,1]],[["ir_k5",16,1,1,{"expansion":2000000000}]],[["conv_k1",64,1,1]]]})");
    EXPECT_NE(msg.find("expansion: must be in 1..16"), std::string::npos) << msg;
}
