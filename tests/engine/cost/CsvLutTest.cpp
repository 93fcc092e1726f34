// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cost/CsvLut.h"
#include "engine/space/Architecture.h"
#include "engine/space/SearchSpace.h"
#include "engine/util/DnasError.h"

#include <filesystem>
#include <gtest/gtest.h>
#include <unistd.h>

using namespace dnas;
namespace fs = std::filesystem;

namespace {
std::string errorOf(const std::string& text, const SearchSpace& sp) {
    try {
        CsvLut::parse(text, sp, "lut.csv");
    } catch (const DnasError& e) {
        return e.what();
    }
    return "no error";
}
} // namespace

TEST(CsvLut, RoundTripIsExactForABuiltinLut) {
    const SearchSpace sp = SearchSpace::load("fbnet-cifar");
    const LatencyTable lut = LatencyTable::load("hw-nas-bench/pixel3-cifar100");
    const std::string csv = CsvLut::format(lut, sp);
    EXPECT_EQ(csv.substr(0, csv.find('\n')),
              "layer,c_in,c_out,h,w,stride,k3_e1,k3_e1_g2,k3_e3,k3_e6,k5_e1,k5_e1_g2,k5_e3,k5_e6,"
              "skip,fixed");
    const std::string path =
        (fs::temp_directory_path() / ("lut-" + std::to_string(::getpid()) + ".csv")).string();
    CsvLut::write(path, lut, sp);
    const LatencyTable back = CsvLut::read(path, sp);
    fs::remove(path);
    EXPECT_TRUE(back.missing(sp).empty());
    EXPECT_EQ(back.provenance["kind"], "imported");
    EXPECT_EQ(back.provenance["from"], path);
    for (const auto& sig : LatencyTable::signaturesFor(sp))
        EXPECT_EQ(back.at(sig).latency_us, lut.at(sig).latency_us) << sig.describe();
    Architecture a = *Architecture::reference("fbnet-c");
    a.head_c_out.reset(); // the CIFAR LUT has the space's 1504-channel head only
    EXPECT_EQ(back.archCost(sp, a, CostMetric::Latency), lut.archCost(sp, a, CostMetric::Latency));
}

TEST(CsvLut, MinimalLayoutWithoutSignatureOrFixedColumns) {
    const SearchSpace sp = SearchSpace::load("fbnet-cifar");
    // Fixed values in the first op column, empty cells missing, rows in any order, quotes.
    const std::string csv = "# hand-made\r\n"
                            "layer, skip ,\"k3_e1\"\r\n"
                            "\r\n"
                            "21,5,\r\n"
                            "stem,100,\r\n"
                            "0,\"1.5\",2e3\r\n";
    const LatencyTable t = CsvLut::parse(csv, sp, "lut.csv");
    EXPECT_EQ(t.size(), 4u);
    EXPECT_DOUBLE_EQ(t.at(blockSignature(sp, 21, "skip")).latency_us, 5.0);
    EXPECT_DOUBLE_EQ(t.at(blockSignature(sp, 0, "skip")).latency_us, 1.5);
    EXPECT_DOUBLE_EQ(t.at(blockSignature(sp, 0, "k3_e1")).latency_us, 2000.0);
    EXPECT_DOUBLE_EQ(t.at(LatencyTable::fixedSignatures(sp)[0]).latency_us, 100.0);
    EXPECT_EQ(t.find(blockSignature(sp, 21, "k3_e1")), nullptr);
    EXPECT_EQ(t.missing(sp).size(), LatencyTable::signaturesFor(sp).size() - 4);
}

TEST(CsvLut, ErrorsNameFileAndLine) {
    const SearchSpace sp = SearchSpace::load("fbnet-cifar");
    const std::string head = "layer,c_in,k3_e1,fixed\n";
    auto expectError = [&](const std::string& text, const std::string& needle) {
        const std::string msg = errorOf(text, sp);
        EXPECT_NE(msg.find("lut.csv: line "), std::string::npos) << msg;
        EXPECT_NE(msg.find(needle), std::string::npos) << msg;
    };
    expectError("op,k3_e1\n", "line 1: first column must be \"layer\"");
    expectError("layer,k9_e9\n", "line 1: column \"k9_e9\" is not an op");
    expectError("layer,k3_e1,k3_e1\n", "appears twice");
    expectError(head + "0,16,1,\n1,16,2,3\n", "line 3: column fixed must be empty");
    expectError(head + "0,16,1,\n0,16,1,\n", "line 3: row \"0\" repeated (first on line 2)");
    expectError(head + "22,,1,\n", "line 2: row \"22\" is neither");
    expectError(head + "x,,1,\n", "neither a layer index");
    expectError(head + "1,24,1,\n", "line 2: column c_in is 24 but space \"fbnet-cifar\" has 16");
    expectError(head + "0,16,abc,\n", "line 2: column k3_e1: expected a latency");
    expectError(head + "0,16,-1,\n", ">= 0");
    expectError(head + "0,16,1\n", "line 2: has 3 fields, the header has 4");
    expectError(head + "stem,3,1,2\n", "row stem has a value in column k3_e1");
    expectError(head + "0,\"16,1,\n", "unterminated quote");
    EXPECT_NE(errorOf("# nothing\n", sp).find("empty file"), std::string::npos);
    EXPECT_THROW(CsvLut::read("/nonexistent/lut.csv", sp), DnasError);
}

TEST(CsvLut, SplitLineHandlesQuotes) {
    std::vector<std::string> f;
    ASSERT_TRUE(CsvLut::splitLine(" a , \"b,c\" ,\"d\"\"e\",", f));
    ASSERT_EQ(f.size(), 4u);
    EXPECT_EQ(f[0], "a");
    EXPECT_EQ(f[1], "b,c");
    EXPECT_EQ(f[2], "d\"e");
    EXPECT_EQ(f[3], "");
    EXPECT_FALSE(CsvLut::splitLine("\"open", f));
}
