// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cost/HwNasBenchImporter.h"
#include "engine/space/Architecture.h"
#include "engine/space/SearchSpace.h"
#include "engine/util/DnasError.h"
#include "tests/support/TempFile.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <unistd.h>

using namespace dnas;
namespace fs = std::filesystem;

namespace {

std::string rawLut() {
    const char* env = std::getenv("DNAS_SHARED_DATA");
    return std::string(env && *env ? env : "../shared/data") +
           "/hw-nas-bench/hw_nas_bench_fbnet_raw_lut.json";
}

std::string errorOf(const std::string& text) {
    const std::string p = dnas::test::writeTempFile("dnas-hwnb-", "bad.json", text);
    try {
        HwNasBenchImporter::importFile(p, "raspi4");
    } catch (const DnasError& e) {
        fs::remove(p);
        return e.what();
    }
    fs::remove(p);
    return "no error";
}

} // namespace

TEST(HwNasBenchImporter, ParsesEveryKeyKind) {
    OpSignature s;
    ASSERT_TRUE(HwNasBenchImporter::parseKey(
        "ConvBlock_H32_W32_Cin16_Cout24_exp1_kernel5_stride2_group2", s));
    EXPECT_EQ(s, (OpSignature{"k5_e1_g2", 16, 24, 32, 32, 2}));
    ASSERT_TRUE(HwNasBenchImporter::parseKey("Skip_H8_W8_Cin64_Cout112_stride1", s));
    EXPECT_EQ(s, (OpSignature{"skip", 64, 112, 8, 8, 1}));
    ASSERT_TRUE(
        HwNasBenchImporter::parseKey("ConvNorm_H224_W224_Cin3_Cout16_kernel3_stride2_group1", s));
    EXPECT_EQ(s, (OpSignature{"stem", 3, 16, 224, 224, 2}));
    ASSERT_TRUE(
        HwNasBenchImporter::parseKey("ConvNorm_H4_W4_Cin352_Cout1504_kernel1_stride1_group1", s));
    EXPECT_EQ(s, (OpSignature{"head", 352, 1504, 4, 4, 1}));
    ASSERT_TRUE(HwNasBenchImporter::parseKey("AvgP_H7_W7_Cin1984_Cout1984_kernel7_stride1", s));
    EXPECT_EQ(s, (OpSignature{"pool", 1984, 1984, 7, 7, 1}));
    ASSERT_TRUE(HwNasBenchImporter::parseKey("FC_Cin1504_Cout100", s));
    EXPECT_EQ(s, (OpSignature{"fc", 1504, 100, 1, 1, 1}));

    std::string why;
    EXPECT_FALSE(HwNasBenchImporter::parseKey("Conv_H4_W4", s, &why));
    EXPECT_NE(why.find("unknown block kind"), std::string::npos);
    EXPECT_FALSE(HwNasBenchImporter::parseKey("Skip_H8_W8_Cin64_Cout112", s, &why));
    EXPECT_NE(why.find("stride"), std::string::npos);
    EXPECT_FALSE(HwNasBenchImporter::parseKey("Skip_H8_W8_Cin64_Coutx_stride1", s, &why));
    EXPECT_FALSE(
        HwNasBenchImporter::parseKey("ConvNorm_H4_W4_Cin3_Cout16_kernel5_stride1_group1", s, &why));
}

// The importer and scripts/tools/import_hw_nas_bench.py must agree on every arch.
TEST(HwNasBenchImporter, RawRaspi4MatchesShippedLut) {
    if (!fs::exists(rawLut()))
        GTEST_SKIP() << "no shared data at " << rawLut();
    const LatencyTable raw = HwNasBenchImporter::importFile(rawLut(), "raspi4");
    EXPECT_EQ(raw.provenance["kind"], "imported");
    EXPECT_EQ(raw.provenance["from"], rawLut());
    EXPECT_EQ(raw.size(), 225u);
    const LatencyTable shipped = LatencyTable::load("hw-nas-bench/raspi4-cifar100");
    const SearchSpace sp = SearchSpace::load("fbnet-cifar");
    EXPECT_TRUE(raw.missing(sp).empty());
    std::vector<Architecture> archs;
    for (const auto& op : sp.layers[0].candidates)
        archs.push_back(Architecture::uniform(sp, op));
    archs.push_back(Architecture::parseString(
        "k5_e6-skip-k3_e1_g2-skip-k5_e1-skip-skip-skip-k5_e6-k5_e1-k3_e1_g2-k5_e1-k5_e6-k3_e6-"
        "k3_e3-k5_e6-k3_e6-k3_e3-k5_e1-k3_e3-k5_e1-k5_e1_g2")); // HELP arch 0
    for (const auto& a : archs)
        EXPECT_DOUBLE_EQ(raw.archCost(sp, a, CostMetric::Latency),
                         shipped.archCost(sp, a, CostMetric::Latency))
            << a.toString();
    EXPECT_NEAR(raw.archCost(sp, archs.back(), CostMetric::Latency) / 1000.0, 30.252860404143576,
                1e-9);
    // Every shipped entry is in the raw import with the same value.
    for (const auto& e : shipped.entries())
        EXPECT_EQ(raw.at(e.sig).latency_us, e.latency_us);
}

TEST(HwNasBenchImporter, EnergyComesFromTheMatchingDict) {
    if (!fs::exists(rawLut()))
        GTEST_SKIP() << "no shared data at " << rawLut();
    const LatencyTable raw = HwNasBenchImporter::importFile(rawLut(), "eyeriss_latency");
    EXPECT_TRUE(raw.hasEnergy());
    const LatencyTable shipped = LatencyTable::load("hw-nas-bench/eyeriss-imagenet");
    const SearchSpace sp = SearchSpace::load("fbnet");
    Architecture a = *Architecture::reference("fbnet-c");
    for (auto m : {CostMetric::Latency, CostMetric::Energy})
        EXPECT_DOUBLE_EQ(raw.archCost(sp, a, m), shipped.archCost(sp, a, m));
    EXPECT_FALSE(HwNasBenchImporter::importFile(rawLut(), "pixel3").hasEnergy());
}

TEST(HwNasBenchImporter, BadFilesGiveFileAndLine) {
    // Key on line 3 is malformed.
    std::string msg = errorOf("{\"raspi4_latency\": {\n \"Skip_H8_W8_Cin64_Cout64_stride1\": 1.0,\n"
                              " \"ConvBlock_H8_W8_Cin64\": 2.0\n}}\n");
    EXPECT_NE(msg.find("bad.json"), std::string::npos) << msg;
    EXPECT_NE(msg.find("line 3"), std::string::npos) << msg;
    EXPECT_NE(msg.find("ConvBlock_H8_W8_Cin64"), std::string::npos) << msg;
    msg = errorOf("{\"raspi4_latency\": {\n \"Skip_H8_W8_Cin64_Cout64_stride1\": \"x\"\n}}");
    EXPECT_NE(msg.find("line 2"), std::string::npos) << msg;
    EXPECT_NE(msg.find("expected a number"), std::string::npos) << msg;
    msg = errorOf("{\"raspi4_latency\": {\n \"Skip_H8_W8_Cin64_Cout64_stride1\": -1\n}}");
    EXPECT_NE(msg.find(">= 0"), std::string::npos) << msg;
    msg = errorOf("{\"raspi4_latency\": {\n \"Skip_H8_W8\"\n}}");
    EXPECT_NE(msg.find("malformed JSON"), std::string::npos) << msg;
    EXPECT_NE(msg.find("line 3"), std::string::npos) << msg; // where the ':' was expected
    msg = errorOf("{\"pixel3_latency\": {}}");
    EXPECT_NE(msg.find("raspi4_latency"), std::string::npos) << msg;
    EXPECT_NE(msg.find("pixel3"), std::string::npos) << msg;
    msg = errorOf("{\"raspi4_latency\": {\"FC_Cin8_Cout2\": 1}, \"raspi4_energy\": {}}");
    EXPECT_NE(msg.find("no value for \"FC_Cin8_Cout2\""), std::string::npos) << msg;
}
