// SPDX-License-Identifier: GPL-3.0-or-later
// Every LUT reader refuses a table with more entries than any real LUT before building it.
#include "engine/cost/HwNasBenchImporter.h"
#include "engine/cost/LatencyTable.h"
#include "engine/cost/NniLutImporter.h"

#include "engine/util/InputLimits.h"
#include "tests/support/ErrorOf.h"

#include <gtest/gtest.h>

using namespace dnas;
using dnas::testsupport::errorOf;
using nlohmann::json;

TEST(LutLimits, JsonLutWithTooManyEntries) {
    // The count is checked first, so the (here empty) entries are never looked at.
    json j = {{"format", "dnas-lut/1"}, {"entries", json::array()}};
    j["entries"].get_ref<json::array_t&>().resize(kMaxLutEntries + 1);
    const std::string msg = errorOf([&] { LatencyTable::fromJson(j, "huge.lut.json"); });
    EXPECT_NE(msg.find("huge.lut.json: entries: has 100001 entries, more than the 100000"),
              std::string::npos)
        << msg;
}

TEST(LutLimits, HwNasBenchDictWithTooManyKeys) {
    json doc = {{"raspi4_latency", json::object()}};
    auto& dict = doc["raspi4_latency"];
    for (uint64_t i = 0; i <= kMaxLutEntries; ++i)
        dict["k" + std::to_string(i)] = 1.0;
    const std::string msg =
        errorOf([&] { HwNasBenchImporter::importJson(doc, "raspi4", "raw.json"); });
    EXPECT_NE(msg.find("raw.json: raspi4_latency: has 100001 entries"), std::string::npos) << msg;
}

TEST(LutLimits, NniLutTxtWithTooManyRecords) {
    std::string text;
    for (uint64_t i = 0; i <= kMaxLutEntries; ++i)
        text += "{'op_name': 'k3_e1', 'op_data_shape': (8, 8, 16, " + std::to_string(i + 1) +
                ", 1), 'op_latency': 1}\n";
    const std::string msg = errorOf([&] { NniLutImporter::importText(text, "lut.txt"); });
    EXPECT_NE(msg.find("lut.txt: line 100001: more than the 100000 records"), std::string::npos)
        << msg;
}
