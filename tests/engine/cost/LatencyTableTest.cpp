// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cost/LatencyTable.h"
#include "engine/space/Architecture.h"
#include "engine/space/OpSpec.h"
#include "engine/space/SearchSpace.h"
#include "engine/util/DnasError.h"
#include "engine/util/JsonFile.h"
#include "engine/util/Resources.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <gtest/gtest.h>
#include <unistd.h>

using namespace dnas;
namespace fs = std::filesystem;

namespace {

LatencyTable smallTable() {
    LatencyTable t;
    t.device = {{"name", "test device"}, {"kind", "cpu"}};
    t.provenance = {{"kind", "measured"}};
    LutEntry a;
    a.sig = {"k3_e1", 16, 24, 32, 32, 2};
    a.latency_us = 123.456789012345678;
    a.energy_uj = 1.0 / 3.0;
    a.p10_us = 100.5;
    a.p90_us = 150.25;
    a.mean_us = 125.0;
    a.samples = 50;
    t.set(a);
    LutEntry b;
    b.sig = {"skip", 16, 16, 32, 32, 1};
    b.latency_us = 0.0;
    t.set(b);
    LutEntry stem;
    stem.sig = {"stem", 3, 16, 32, 32, 1};
    stem.latency_us = 2816.497236728668;
    t.set(stem);
    return t;
}

void expectSameEntries(const LatencyTable& a, const LatencyTable& b) {
    ASSERT_EQ(a.size(), b.size());
    const auto ea = a.entries(), eb = b.entries();
    for (size_t i = 0; i < ea.size(); ++i) {
        EXPECT_EQ(ea[i].sig, eb[i].sig);
        EXPECT_EQ(ea[i].latency_us, eb[i].latency_us); // bit-exact: JSON keeps 17 digits
        EXPECT_EQ(ea[i].energy_uj, eb[i].energy_uj);
        EXPECT_EQ(ea[i].p10_us, eb[i].p10_us);
        EXPECT_EQ(ea[i].p90_us, eb[i].p90_us);
        EXPECT_EQ(ea[i].mean_us, eb[i].mean_us);
        EXPECT_EQ(ea[i].samples, eb[i].samples);
    }
}

std::string tempPath(const std::string& name) {
    return (fs::temp_directory_path() /
            ("dnas-lut-test-" + std::to_string(::getpid()) + "-" + name))
        .string();
}

// A copy of `t` without the entries whose signature is in `drop`.
LatencyTable without(const LatencyTable& t, const std::vector<OpSignature>& drop) {
    LatencyTable out;
    out.device = t.device;
    out.source = t.source;
    for (const auto& e : t.entries()) {
        bool keep = true;
        for (const auto& d : drop)
            keep = keep && !(d == e.sig);
        if (keep)
            out.set(e);
    }
    return out;
}

} // namespace

TEST(LatencyTable, JsonRoundTripKeepsEveryField) {
    const LatencyTable t = smallTable();
    const nlohmann::json j = t.toJson();
    EXPECT_EQ(j["format"], "dnas-lut/1");
    EXPECT_EQ(j["units"], "us");
    EXPECT_TRUE(j["fixed"].contains("stem"));
    const LatencyTable back = LatencyTable::fromJson(j, "mem.lut.json");
    expectSameEntries(t, back);
    EXPECT_EQ(back.device, t.device);
    EXPECT_EQ(back.provenance, t.provenance);
    EXPECT_EQ(back.source, "mem.lut.json");

    // Through a file too (atomic save, then load by path).
    const std::string path = tempPath("rt.lut.json");
    t.save(path);
    const LatencyTable loaded = LatencyTable::load(path);
    expectSameEntries(t, loaded);
    EXPECT_EQ(loaded.source, path);
    fs::remove(path);
}

TEST(LatencyTable, BuiltinRoundTripIsExact) {
    const LatencyTable t = LatencyTable::load("hw-nas-bench/edgegpu-cifar100");
    EXPECT_TRUE(t.hasEnergy());
    expectSameEntries(t, LatencyTable::fromJson(t.toJson(), "again"));
}

TEST(LatencyTable, MissingSignatureThrowsNamingItAndTheFile) {
    const LatencyTable t = LatencyTable::load("hw-nas-bench/raspi4-cifar100");
    const OpSignature absent{"k7_e6", 16, 16, 32, 32, 1};
    try {
        t.at(absent);
        FAIL() << "expected DnasError";
    } catch (const DnasError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find(absent.describe()), std::string::npos) << what;
        EXPECT_NE(what.find("raspi4-cifar100.lut.json"), std::string::npos) << what;
        EXPECT_NE(e.file().find("raspi4-cifar100.lut.json"), std::string::npos);
    }
    // Energy on a latency-only LUT is named as such.
    try {
        t.value({"k3_e1", 16, 16, 32, 32, 1}, CostMetric::Energy);
        FAIL() << "expected DnasError";
    } catch (const DnasError& e) {
        EXPECT_NE(std::string(e.what()).find("no energy"), std::string::npos);
    }
}

TEST(LatencyTable, MissingListsExactlyWhatIsAbsent) {
    const SearchSpace sp = SearchSpace::load("fbnet-cifar");
    const LatencyTable full = LatencyTable::load("hw-nas-bench/raspi4-cifar100");
    EXPECT_TRUE(full.missing(sp).empty());
    // 22 layers share shapes, so the cifar space needs fewer signatures than 22 x 9.
    const auto needed = LatencyTable::signaturesFor(sp);
    EXPECT_LT(needed.size(), 4u + 22u * 9u);

    const auto shapes = sp.layerShapes();
    const std::vector<OpSignature> drop = {blockSignature(sp, 0, "k5_e6"),
                                           blockSignature(sp, 21, "skip"),
                                           LatencyTable::fixedSignatures(sp)[2]}; // pool
    const auto miss = without(full, drop).missing(sp);
    ASSERT_EQ(miss.size(), drop.size());
    for (const auto& d : drop)
        EXPECT_NE(std::find(miss.begin(), miss.end(), d), miss.end()) << d.describe();

    // An ImageNet LUT covers none of the CIFAR shapes (not even the fixed parts).
    const LatencyTable imagenet = LatencyTable::load("hw-nas-bench/raspi4-imagenet");
    EXPECT_EQ(imagenet.missing(sp).size(), needed.size());
    EXPECT_TRUE(imagenet.missing(SearchSpace::load("fbnet")).empty());
}

TEST(LatencyTable, ArchCostOfMissingOpNamesTheSignature) {
    const SearchSpace sp = SearchSpace::load("fbnet-cifar");
    const LatencyTable full = LatencyTable::load("hw-nas-bench/raspi4-cifar100");
    const OpSignature gone = blockSignature(sp, 3, "k3_e6");
    const LatencyTable t = without(full, {gone});
    const Architecture a = Architecture::uniform(sp, "k3_e6");
    try {
        t.archCost(sp, a, CostMetric::Latency);
        FAIL() << "expected DnasError";
    } catch (const DnasError& e) {
        EXPECT_NE(std::string(e.what()).find(gone.describe()), std::string::npos) << e.what();
    }
}

namespace {

struct Metric {
    std::string device;
    CostMetric metric;
};

Metric parseMetric(const std::string& key) {
    const auto us = key.rfind('_');
    const std::string kind = key.substr(us + 1);
    EXPECT_TRUE(kind == "latency" || kind == "energy") << key;
    return {key.substr(0, us), kind == "energy" ? CostMetric::Energy : CostMetric::Latency};
}

// Checks every (arch, metric) of `block` in `refs` against the built-in LUTs; returns the count.
int reproduce(const nlohmann::json& refs, const std::string& dataset, const std::string& space,
              const std::string& block, std::optional<int> head) {
    const SearchSpace sp = SearchSpace::load(space);
    int checked = 0;
    // references-*.json say "architectures", the shared data "reference_architectures".
    const auto& list =
        refs.contains("architectures") ? refs["architectures"] : refs["reference_architectures"];
    for (const auto& ref : list) {
        if (!ref.contains(block) || !ref[block].is_object())
            continue;
        Architecture a;
        if (ref.contains("ops"))
            for (const auto& op : ref["ops"])
                a.ops.push_back(op.get<std::string>());
        else // the shared data's op_idx_list, HW-NAS-Bench op order
            for (const auto& i : ref["op_idx_list"])
                a.ops.push_back(fbnetOpNames().at(i.get<int>()));
        a.head_c_out = head;
        for (const auto& [key, value] : ref[block].items()) {
            const Metric m = parseMetric(key);
            const LatencyTable t = LatencyTable::load("hw-nas-bench/" + m.device + "-" + dataset);
            // LUT in µs / µJ, references in ms / mJ.
            const double got = t.archCost(sp, a, m.metric) / 1000.0;
            EXPECT_NEAR(got, value.get<double>(), 1e-9)
                << ref["name"] << " " << key << " on " << dataset;
            ++checked;
        }
    }
    return checked;
}

} // namespace

// docs/architecture.md §7: the imported LUTs must reproduce HW-NAS-Bench's published totals to 1e-9
// ms.
TEST(LatencyTable, ReproducesPublishedHwNasBenchTotals) {
    const std::string dir = resourceDir() + "/luts/hw-nas-bench/";
    const auto imagenet = readJsonFile(dir + "references-imagenet.json");
    const auto cifar = readJsonFile(dir + "references-cifar100.json");
    // The ImageNet LUT's head is 1984 channels, so every arch is costed with that head.
    const int nImagenet = reproduce(imagenet, "imagenet", "fbnet", "published", 1984);
    const int nCifar = reproduce(cifar, "cifar100", "fbnet-cifar", "published", std::nullopt);
    EXPECT_EQ(nImagenet, 3 * 8);       // 3 notebook archs x 8 metrics
    EXPECT_EQ(nCifar, 3 * 8 + 15 * 4); // + 15 HELP archs x 4 latencies
}

// The shared data also keeps LUT sums for archs with no published value (all-skip, FBNet-A/B/C):
// FBNet-A's real 1504-channel head is not in the ImageNet LUT, so it is costed with 1984 there.
TEST(LatencyTable, ReproducesSharedDataLutSums) {
    const char* env = std::getenv("DNAS_SHARED_DATA");
    const std::string dir = std::string(env && *env ? env : "../shared/data") + "/hw-nas-bench/";
    if (!fs::is_directory(dir))
        GTEST_SKIP() << "no shared data at " << dir;
    const int n = reproduce(readJsonFile(dir + "fbnet_lut_imagenet.json"), "imagenet", "fbnet",
                            "lut_sum", 1984) +
                  reproduce(readJsonFile(dir + "fbnet_lut_cifar100.json"), "cifar100",
                            "fbnet-cifar", "lut_sum", std::nullopt);
    EXPECT_GT(n, 100);

    // Without the override, FBNet-A asks for a head the ImageNet LUT lacks: a clear error.
    const LatencyTable t = LatencyTable::load("hw-nas-bench/raspi4-imagenet");
    EXPECT_THROW(t.archCost(SearchSpace::load("fbnet"), *Architecture::reference("fbnet-a"),
                            CostMetric::Latency),
                 DnasError);
}
