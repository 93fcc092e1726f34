// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cost/LutAnchor.h"
#include "engine/cost/LatencyTable.h"
#include "engine/space/SearchSpace.h"
#include "engine/util/DnasError.h"
#include "tests/support/SmallSpace.h"

#include <gtest/gtest.h>
#include <string>

using namespace dnas;

namespace {

SearchSpace anchorSpace() {
    return testsupport::smallSpace("anchor", {{8, 1, {"k3_e1", "k3_e3", "skip"}, 0},
                                              {16, 2, {"k3_e1", "k5_e3", "k3_e6", "skip"}, 1},
                                              {16, 1, {"skip"}, 1}});
}

LatencyTable withAnchor() {
    LatencyTable t;
    t.set({{"k3_e1", 8, 8, 8, 8, 1}, 12.5, {}, {}, {}, {}, 0});
    t.anchors["anchor"] =
        LutAnchor::stamped(LutAnchor::architectureFor(anchorSpace()), 1234.5, 2, 1);
    return t;
}

// The message of the DnasError that reading `j` throws; empty when none is thrown.
std::string errorOf(const nlohmann::json& j) {
    try {
        LatencyTable::fromJson(j, "here.lut.json");
    } catch (const DnasError& e) {
        return e.what();
    }
    return {};
}

} // namespace

TEST(LutAnchor, IsEachLayersMiddleCandidate) {
    const Architecture a = LutAnchor::architectureFor(anchorSpace());
    EXPECT_EQ(a.toString(), "k3_e3-k3_e6-skip"); // index 3/2 = 1, 4/2 = 2, 1/2 = 0
    EXPECT_EQ(a.space, "anchor");
    EXPECT_NO_THROW(a.checkAgainst(anchorSpace(), "test"));
    // FBNet's nine candidates: the fifth, the same net on every call.
    const SearchSpace fmnist = SearchSpace::load("fbnet-fmnist");
    EXPECT_EQ(LutAnchor::architectureFor(fmnist), LutAnchor::architectureFor(fmnist));
    EXPECT_EQ(LutAnchor::architectureFor(fmnist).ops.size(), fmnist.layers.size());
}

TEST(LutAnchor, StampedRecordsSettingsAndTime) {
    const LutAnchor a = LutAnchor::stamped(LutAnchor::architectureFor(anchorSpace()), 99.0, 2, 4);
    EXPECT_DOUBLE_EQ(a.us, 99.0);
    EXPECT_EQ(a.threads, 2);
    EXPECT_EQ(a.batch, 4);
    EXPECT_EQ(a.when.size(), 20u); // 2024-01-01T00:00:00Z
    EXPECT_EQ(a.when.back(), 'Z');
    EXPECT_TRUE(a.comparable(2, 4));
    EXPECT_FALSE(a.comparable(1, 4));
    EXPECT_FALSE(a.comparable(2, 1));
}

TEST(LutAnchor, RoundTripsThroughTheLut) {
    const LatencyTable t = withAnchor();
    const nlohmann::json j = t.toJson();
    EXPECT_EQ(j["anchors"]["anchor"]["arch"], "k3_e3-k3_e6-skip");
    EXPECT_DOUBLE_EQ(j["anchors"]["anchor"]["us"].get<double>(), 1234.5);
    const LatencyTable back = LatencyTable::fromJson(j, "here.lut.json");
    ASSERT_EQ(back.anchors.count("anchor"), 1u);
    const LutAnchor& a = back.anchors.at("anchor");
    const LutAnchor& b = t.anchors.at("anchor");
    EXPECT_EQ(a.arch, b.arch);
    EXPECT_DOUBLE_EQ(a.us, b.us);
    EXPECT_EQ(a.threads, 2);
    EXPECT_EQ(a.batch, 1);
    EXPECT_EQ(a.when, b.when);
    EXPECT_EQ(back.toJson(), j);
    // The calibrated view keeps it: a check of a calibrated table still has its anchor.
    EXPECT_EQ(back.calibratedFor(anchorSpace()).anchors.count("anchor"), 1u);
}

TEST(LutAnchor, OldLutsWithoutOneStillLoad) {
    nlohmann::json j = withAnchor().toJson();
    j.erase("anchors");
    const LatencyTable t = LatencyTable::fromJson(j, "old.lut.json");
    EXPECT_TRUE(t.anchors.empty());
    EXPECT_EQ(t.size(), 1u);
    EXPECT_FALSE(t.toJson().contains("anchors")); // and none is written back
}

TEST(LutAnchor, MergeTakesTheNewerMeasurementsAnchor) {
    LatencyTable base = withAnchor();
    LatencyTable fresh;
    fresh.anchors["anchor"] = LutAnchor::stamped(base.anchors["anchor"].arch, 1500.0, 2, 1);
    fresh.anchors["other"] = LutAnchor::stamped(base.anchors["anchor"].arch, 10.0, 1, 1);
    base.merge(fresh);
    EXPECT_DOUBLE_EQ(base.anchors.at("anchor").us, 1500.0);
    EXPECT_DOUBLE_EQ(base.anchors.at("other").us, 10.0);
    LatencyTable none;
    base.merge(none); // a merge without anchors keeps them
    EXPECT_EQ(base.anchors.size(), 2u);
}

TEST(LutAnchor, BadValuesNameTheFileAndField) {
    const nlohmann::json good = withAnchor().toJson();
    struct Case {
        const char* field;
        nlohmann::json value;
    };
    const Case cases[] = {{"us", 0.0},  {"us", -5.0}, {"us", "fast"}, {"threads", -1},
                          {"batch", 0}, {"arch", ""}, {"arch", 17},   {"us", nullptr}};
    for (const auto& c : cases) {
        nlohmann::json bad = good;
        bad["anchors"]["anchor"][c.field] = c.value;
        const std::string what = errorOf(bad);
        EXPECT_NE(what.find("here.lut.json"), std::string::npos) << c.field << ": " << what;
        EXPECT_NE(what.find(std::string("anchors.anchor.") + c.field), std::string::npos)
            << c.value << ": " << what;
    }
    nlohmann::json missing = good;
    missing["anchors"]["anchor"].erase("us");
    EXPECT_NE(errorOf(missing).find("anchors.anchor.us"), std::string::npos) << errorOf(missing);
    nlohmann::json notObject = good;
    notObject["anchors"] = nlohmann::json::array();
    EXPECT_NE(errorOf(notObject).find("anchors"), std::string::npos) << errorOf(notObject);
}
