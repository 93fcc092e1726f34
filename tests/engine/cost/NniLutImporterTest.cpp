// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cost/NniLutImporter.h"
#include "engine/util/DnasError.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <unistd.h>

using namespace dnas;
namespace fs = std::filesystem;

namespace {
std::string errorOf(const std::string& text) {
    try {
        NniLutImporter::importText(text, "lut.txt");
    } catch (const DnasError& e) {
        return e.what();
    }
    return "no error";
}
} // namespace

TEST(NniLutImporter, ReadsRecordsInAnySpellingPythonAllows) {
    const std::string text =
        "# written by nni\n"
        "{'op_name': 'k3_e1', 'op_data_shape': (32, 32, 16, 24, 1), 'op_dtype': 'float32', "
        "'op_latency': 123.4}\n"
        "\n"
        "  {\"op_name\":\"skip\",\"op_data_shape\":[8,8,64,112,2,],'op_latency':0,}  \r\n"
        "{ 'op_latency' : 1.5e3 , 'op_name' : 'k5_e6' , 'op_data_shape' : ( 16 , 8 , 24 , 32 , 2 ) "
        ","
        " 'op_dtype' : \"float32\" , }\n";
    const LatencyTable t = NniLutImporter::importText(text, "lut.txt");
    ASSERT_EQ(t.size(), 3u);
    EXPECT_DOUBLE_EQ(t.at({"k3_e1", 16, 24, 32, 32, 1}).latency_us, 123.4);
    EXPECT_DOUBLE_EQ(t.at({"skip", 64, 112, 8, 8, 2}).latency_us, 0.0);
    // (w, h, cin, cout, stride): w = 16, h = 8.
    EXPECT_DOUBLE_EQ(t.at({"k5_e6", 24, 32, 8, 16, 2}).latency_us, 1500.0);
    EXPECT_EQ(t.provenance["kind"], "imported");
    EXPECT_EQ(t.provenance["from"], "lut.txt");
    EXPECT_EQ(t.provenance["dtype"], "float32");
}

TEST(NniLutImporter, LiteralParserHandlesNestingAndEscapes) {
    const auto j = NniLutImporter::parseLiteral(
        "{'a': [1, (2, 3.5), {'b': None}], 'c': 'it\\'s', \"d\": True, 'e': -1_000}", "f", 1);
    EXPECT_EQ(j["a"][1][1], 3.5);
    EXPECT_TRUE(j["a"][2]["b"].is_null());
    EXPECT_EQ(j["c"], "it's");
    EXPECT_EQ(j["d"], true);
    EXPECT_EQ(j["e"], -1000);
}

TEST(NniLutImporter, ErrorsNameFileAndLine) {
    const std::string good =
        "{'op_name': 'k3_e1', 'op_data_shape': (32, 32, 16, 24, 1), 'op_latency': 1}\n";
    auto expectError = [&](const std::string& bad, const std::string& needle) {
        const std::string msg = errorOf(good + "\n" + bad + "\n");
        EXPECT_NE(msg.find("lut.txt: line 3: "), std::string::npos) << msg;
        EXPECT_NE(msg.find(needle), std::string::npos) << msg;
    };
    expectError("{'op_name': 'k3_e1', 'op_data_shape': (32, 32, 16, 24, 1), 'op_latency': 1",
                "unterminated dict");
    expectError("{'op_name': 'k3_e1 , 'op_latency': 1}", "column");
    expectError("{'op_name': 'k3_e3', 'op_data_shape': (32, 32, 16, 24), 'op_latency': 1}",
                "(w, h, cin, cout, stride)");
    expectError("{'op_name': 'k3_e3', 'op_data_shape': (32, 32, 16, 0, 1), 'op_latency': 1}",
                "positive integer");
    expectError("{'op_name': 'k3_e3', 'op_data_shape': (32, 32, 16, 24, 1)}", "'op_latency'");
    expectError("{'op_name': 'k3_e3', 'op_data_shape': (32, 32, 16, 24, 1), 'op_latency': -2}",
                ">= 0");
    expectError("{'op_name': 'k3_e3', 'op_data_shape': (32, 32, 16, 24, 1), 'op_latency': 1.2.3}",
                "bad number");
    expectError("{'op_name': 'k3_e1', 'op_data_shape': (32, 32, 16, 24, 1), 'op_latency': 2}",
                "first on line 1");
    expectError("{'op_name': 'k3_e3', 'op_data_shape': (32, 32, 16, 24, 1), 'op_latency': 1} x",
                "unexpected text");
    expectError("{'op_name': 'k3_e3', 'op_name': 'k3_e1'}", "repeated");
    expectError("[1, 2]", "expected a {...} record");
    EXPECT_NE(errorOf("# only a comment\n").find("no records"), std::string::npos);
    EXPECT_NE(errorOf(good +
                      "{'op_name': 'k3_e3', 'op_data_shape': (32, 32, 16, 24, 1), "
                      "'op_dtype': 'int8', 'op_latency': 1}\n" +
                      "{'op_name': 'k5_e3', 'op_data_shape': (32, 32, 16, 24, 1), "
                      "'op_dtype': 'float32', 'op_latency': 1}")
                  .find("line 3: 'op_dtype'"),
              std::string::npos);
}

TEST(NniLutImporter, ImportsAFileAndSavesAsDnasLut) {
    const std::string p =
        (fs::temp_directory_path() / ("nni-" + std::to_string(::getpid()) + ".txt")).string();
    std::ofstream(p)
        << "{'op_name': 'k3_e1', 'op_data_shape': (4, 4, 8, 8, 1), 'op_latency': 7.25}\n";
    const LatencyTable t = NniLutImporter::importFile(p);
    EXPECT_EQ(t.source, p);
    const LatencyTable back = LatencyTable::fromJson(t.toJson(), "x");
    EXPECT_DOUBLE_EQ(back.at({"k3_e1", 8, 8, 4, 4, 1}).latency_us, 7.25);
    fs::remove(p);
    EXPECT_THROW(NniLutImporter::importFile(p), DnasError);
}

TEST(NniLutImporter, InvalidUtf8IsALineErrorNotAJsonException) {
    // Found by fuzzing (tests/fuzz/corpus/FuzzNniLut/crash-invalid-utf8.txt): the byte 0xE9
    // became a JSON string that threw type_error 316 when the error message dumped it.
    const std::string msg = errorOf("{'op_name':'1','op_data_shape':'\xe9','op_latency':3}\n");
    EXPECT_NE(msg.find("lut.txt: line 1: column 34: string is not valid UTF-8"), std::string::npos)
        << msg;
    // Valid UTF-8 stays allowed (a name in a comment-like field, e.g. µs).
    EXPECT_EQ(NniLutImporter::importText("{'op_name': 'k3_e1', 'op_data_shape': (8, 8, 16, 16, "
                                         "1), 'op_latency': 1, 'unit': '\xc2\xb5s'}\n",
                                         "lut.txt")
                  .size(),
              1u);
}
