// SPDX-License-Identifier: GPL-3.0-or-later
// LutRebase: a partial measurement joins a table on the table's time basis (#21). Timing-free:
// crafted tables, and a fake clock where the measurer runs.
#include "engine/cost/LutRebase.h"
#include "engine/cost/LutCache.h"
#include "engine/cost/LutMeasurer.h"
#include "engine/space/SearchSpace.h"
#include "engine/util/DnasError.h"
#include "tests/support/SmallSpace.h"

#include <cstdlib>
#include <filesystem>
#include <gtest/gtest.h>
#include <memory>
#include <set>
#include <string>
#include <unistd.h>

using namespace dnas;
namespace fs = std::filesystem;

namespace {

// Two layers; the anchor net is k3_e3-k5_e3 (each layer's middle candidate).
SearchSpace rebaseSpace() {
    return testsupport::smallSpace(
        "rebase", {{8, 1, {"k3_e1", "k3_e3", "skip"}, 0}, {16, 2, {"k3_e1", "k5_e3", "skip"}, 1}});
}

// Blocks no anchor net uses: what the partial measurement times.
std::vector<OpSignature> rebaseLate(const SearchSpace& s) {
    return {blockSignature(s, 0, "skip"), blockSignature(s, 1, "k3_e1")};
}

LutEntry rebaseEntry(const OpSignature& sig, double us) {
    LutEntry e;
    e.sig = sig;
    e.latency_us = us;
    e.p10_us = 0.9 * us;
    e.p90_us = 1.2 * us;
    e.mean_us = 1.05 * us;
    e.samples = 7;
    return e;
}

// Every block but rebaseLate's, timed at 100 µs, with an anchor of 1000 µs (2 threads, batch 1).
LatencyTable rebaseBase(const SearchSpace& s) {
    LatencyTable t;
    t.source = "base.lut.json";
    std::set<std::string> late;
    for (const auto& sig : rebaseLate(s))
        late.insert(sig.key());
    for (const auto& sig : LatencyTable::signaturesFor(s))
        if (!late.count(sig.key()))
            t.set(rebaseEntry(sig, 100.0));
    t.anchors[s.name] = LutAnchor::stamped(LutAnchor::architectureFor(s), 1000.0, 2, 1);
    t.anchors[s.name].when = "2024-01-01T00:00:00Z";
    return t;
}

// What LutMeasurer gives for `sigs` at `us` each, with an anchor timed at `anchorUs`.
LatencyTable rebaseMeasured(const SearchSpace& s, const std::vector<OpSignature>& sigs, double us,
                            double anchorUs) {
    LatencyTable t;
    t.provenance = {{"kind", "measured"}};
    for (const auto& sig : sigs)
        t.set(rebaseEntry(sig, us));
    t.anchors[s.name] = LutAnchor::stamped(LutAnchor::architectureFor(s), anchorUs, 2, 1);
    return t;
}

// A clock whose every timed interval is `seconds` (gaps between runs do not count).
TimingOptions rebaseTiming(double seconds) {
    TimingOptions o;
    o.warmup = 0;
    o.repeats = o.min_repeats = 5;
    o.budget_s = 1e9;
    o.threads = 1;
    auto reads = std::make_shared<size_t>(0);
    auto t = std::make_shared<double>(100.0);
    o.clock = [reads, t, seconds] { return *t += (*reads)++ % 2 == 1 ? seconds : 1.0; };
    return o;
}

} // namespace

TEST(LutRebase, NewBlocksAreDividedByTheDriftAndTheStoredAnchorStays) {
    const SearchSpace s = rebaseSpace();
    LatencyTable base = rebaseBase(s);
    const LutAnchor stored = base.anchors.at(s.name);
    // The machine runs 10 % slower today: the anchor takes 1100 µs, the new blocks 110 µs.
    const LatencyTable measured = rebaseMeasured(s, rebaseLate(s), 110.0, 1100.0);
    const LutRebase r = LutRebase::onto(s, base, measured);
    EXPECT_EQ(r.status, LutRebaseStatus::Rebased);
    EXPECT_NEAR(r.drift, 1.1, 1e-12);
    ASSERT_EQ(r.table.size(), 2u);
    for (const auto& sig : rebaseLate(s)) {
        const LutEntry& e = r.table.at(sig);
        EXPECT_NEAR(e.latency_us, 100.0, 1e-9) << sig.describe(); // the base's speed
        EXPECT_NEAR(*e.p10_us, 90.0, 1e-9);
        EXPECT_NEAR(*e.p90_us, 120.0, 1e-9);
        EXPECT_NEAR(*e.mean_us, 105.0, 1e-9);
        EXPECT_EQ(e.samples, 7);
    }
    ASSERT_EQ(r.table.anchors.count(s.name), 1u);
    EXPECT_DOUBLE_EQ(r.table.anchors.at(s.name).us, 1000.0);
    EXPECT_NEAR(r.table.provenance["divided_by_drift"].get<double>(), 1.1, 1e-12);
    EXPECT_NE(r.describe().find("1.100"), std::string::npos) << r.describe();
    EXPECT_NE(r.describe().find("2024-01-01"), std::string::npos) << r.describe();

    base.merge(r.table); // as lut measure --missing-from and the cache do
    EXPECT_TRUE(base.missing(s).empty());
    EXPECT_DOUBLE_EQ(base.anchors.at(s.name).us, stored.us);
    EXPECT_EQ(base.anchors.at(s.name).when, stored.when);
    EXPECT_NEAR(base.at(rebaseLate(s)[0]).latency_us, 100.0, 1e-9);
}

TEST(LutRebase, DividedScalesTimingsOnly) {
    LutEntry e = rebaseEntry({"k3_e1", 8, 8, 8, 8, 1}, 50.0);
    e.energy_uj = 3.0;
    e.p10_us.reset();
    const LutEntry d = LutRebase::divided(e, 2.0);
    EXPECT_DOUBLE_EQ(d.latency_us, 25.0);
    EXPECT_FALSE(d.p10_us);
    EXPECT_DOUBLE_EQ(*d.p90_us, 30.0);
    EXPECT_DOUBLE_EQ(*d.mean_us, 26.25);
    EXPECT_DOUBLE_EQ(*d.energy_uj, 3.0); // energy is no timing
    EXPECT_EQ(d.samples, 7);
}

TEST(LutRebase, ATableWithoutAnAnchorTakesTheMeasurementsAsItIs) {
    const SearchSpace s = rebaseSpace();
    LatencyTable base = rebaseBase(s);
    base.anchors.clear();
    const LutRebase r = LutRebase::onto(s, base, rebaseMeasured(s, rebaseLate(s), 110.0, 1100.0));
    EXPECT_EQ(r.status, LutRebaseStatus::NewAnchor);
    EXPECT_DOUBLE_EQ(r.drift, 1.0);
    EXPECT_NEAR(r.table.at(rebaseLate(s)[0]).latency_us, 110.0, 1e-12);
    EXPECT_DOUBLE_EQ(r.table.anchors.at(s.name).us, 1100.0);
    EXPECT_TRUE(r.describe().empty());
}

TEST(LutRebase, EveryBlockTimedAgainStartsANewBasis) {
    const SearchSpace s = rebaseSpace();
    const LatencyTable base = rebaseBase(s);
    const LutRebase r =
        LutRebase::onto(s, base, rebaseMeasured(s, LatencyTable::signaturesFor(s), 110.0, 1100.0));
    EXPECT_EQ(r.status, LutRebaseStatus::Remeasured);
    EXPECT_NEAR(r.table.at(rebaseLate(s)[0]).latency_us, 110.0, 1e-12);
    EXPECT_DOUBLE_EQ(r.table.anchors.at(s.name).us, 1100.0);
    EXPECT_NE(r.describe().find("every block"), std::string::npos) << r.describe();
}

TEST(LutRebase, AnAnchorThatIsNoLongerComparableIsReplacedAndSaysWhy) {
    const SearchSpace s = rebaseSpace();
    const LatencyTable measured = rebaseMeasured(s, rebaseLate(s), 110.0, 1100.0);
    struct Case {
        const char* what;
        std::function<void(LatencyTable&)> change;
        const char* reason;
    };
    const Case cases[] = {
        {"other threads", [&](LatencyTable& t) { t.anchors[s.name].threads = 1; }, "thread(s)"},
        {"other batch", [&](LatencyTable& t) { t.anchors[s.name].batch = 4; }, "batch 4"},
        {"another net",
         [&](LatencyTable& t) { t.anchors[s.name].arch = Architecture::parseString("skip-skip"); },
         "another net"},
        // The space was edited under its name: the table never held this anchor net's blocks.
        {"other shapes",
         [&](LatencyTable& t) {
             LatencyTable without;
             without.anchors = t.anchors;
             const OpSignature gone = blockSignature(s, 1, "k5_e3");
             for (const auto& e : t.entries())
                 if (!(e.sig == gone))
                     without.set(e);
             t = without;
         },
         "lacked the anchor net's block"},
    };
    for (const auto& c : cases) {
        LatencyTable base = rebaseBase(s);
        c.change(base);
        const LutRebase r = LutRebase::onto(s, base, measured);
        EXPECT_EQ(r.status, LutRebaseStatus::OtherAnchor) << c.what;
        EXPECT_NE(r.reason.find(c.reason), std::string::npos) << c.what << ": " << r.reason;
        EXPECT_NEAR(r.table.at(rebaseLate(s)[0]).latency_us, 110.0, 1e-12) << c.what;
        EXPECT_DOUBLE_EQ(r.table.anchors.at(s.name).us, 1100.0) << c.what;
        EXPECT_NE(r.describe().find("replaces"), std::string::npos) << r.describe();
    }
}

TEST(LutRebase, AMeasurementWithoutAnAnchorKeepsTheStoredOne) {
    const SearchSpace s = rebaseSpace();
    LatencyTable base = rebaseBase(s);
    LatencyTable measured = rebaseMeasured(s, rebaseLate(s), 110.0, 1100.0);
    measured.anchors.clear(); // cancelled, or a space that does not validate
    const LutRebase r = LutRebase::onto(s, base, measured);
    EXPECT_EQ(r.status, LutRebaseStatus::Unanchored);
    EXPECT_NEAR(r.table.at(rebaseLate(s)[0]).latency_us, 110.0, 1e-12);
    EXPECT_TRUE(r.table.anchors.empty());
    EXPECT_NE(r.describe().find("no anchor was timed"), std::string::npos) << r.describe();
    base.merge(r.table);
    EXPECT_DOUBLE_EQ(base.anchors.at(s.name).us, 1000.0);
    LatencyTable bare = rebaseBase(s);
    bare.anchors.clear();
    EXPECT_TRUE(LutRebase::onto(s, bare, measured).describe().empty());
}

TEST(LutRebase, ADriftOfBrokenTimingsIsAnErrorNamingTheFileAndField) {
    const SearchSpace s = rebaseSpace();
    const LatencyTable base = rebaseBase(s);
    for (double anchorUs : {1000.0 * 25.0, 1000.0 / 25.0}) {
        try {
            LutRebase::onto(s, base, rebaseMeasured(s, rebaseLate(s), 110.0, anchorUs));
            ADD_FAILURE() << anchorUs << " µs taken as a drift";
        } catch (const DnasError& e) {
            const std::string what = e.what();
            EXPECT_NE(what.find("base.lut.json"), std::string::npos) << what;
            EXPECT_NE(what.find("anchors.rebase.us"), std::string::npos) << what;
        }
    }
}

TEST(LutRebase, FirstMissingNamesABlockOfTheNet) {
    const SearchSpace s = rebaseSpace();
    const Architecture anchor = LutAnchor::architectureFor(s);
    LatencyTable t = rebaseBase(s);
    EXPECT_FALSE(LutRebase::firstMissing(s, t, anchor));
    const auto missing = LutRebase::firstMissing(s, LatencyTable{}, anchor);
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->op, "stem");
    EXPECT_THROW(LutRebase::firstMissing(s, t, Architecture::parseString("k9_e9-skip")), DnasError);
}

// Through the measurer and this machine's cache, timing-free: the blocks first measured while
// the machine ran at 5 µs a timing, the missing ones at 10 µs (twice as slow).
TEST(LutRebase, TheMachineLutKeepsOneBasisWhenItGrows) {
    const fs::path dir = fs::temp_directory_path() / ("dnas-rebase-" + std::to_string(getpid()));
    fs::remove_all(dir);
    ::setenv("DNAS_CACHE_DIR", dir.c_str(), 1);
    const SearchSpace s = rebaseSpace();
    ASSERT_TRUE(ensureMachineLut(s, {}, rebaseTiming(5e-6), 0));
    const LatencyTable first = *LutCache::load();
    ASSERT_EQ(first.anchors.count(s.name), 1u);
    EXPECT_NEAR(first.anchors.at(s.name).us, 5.0, 1e-6);
    // Two blocks lost (no anchor net's), as if the table had been measured before they existed.
    LatencyTable shorter;
    shorter.device = first.device;
    shorter.provenance = first.provenance;
    shorter.anchors = first.anchors;
    std::set<std::string> late;
    for (const auto& sig : rebaseLate(s))
        late.insert(sig.key());
    for (const auto& e : first.entries())
        if (!late.count(e.sig.key()))
            shorter.set(e);
    shorter.save(LutCache::path());

    const auto grown = ensureMachineLut(s, {}, rebaseTiming(10e-6), 0);
    ASSERT_TRUE(grown);
    EXPECT_TRUE(grown->missing(s).empty());
    for (const auto& sig : rebaseLate(s))
        EXPECT_NEAR(grown->at(sig).latency_us, 5.0, 1e-6) << sig.describe(); // 10 µs / drift 2
    EXPECT_DOUBLE_EQ(grown->anchors.at(s.name).us, first.anchors.at(s.name).us);
    EXPECT_NEAR(grown->provenance["divided_by_drift"].get<double>(), 2.0, 1e-6);
    fs::remove_all(dir);
}

TEST(LutRebase, MeasureAnchorTimesTheAnchorNetAlone) {
    const SearchSpace s = rebaseSpace();
    std::vector<double> us;
    const LutAnchor a = LutMeasurer(rebaseTiming(4e-6)).measureAnchor(s, 3, &us);
    EXPECT_EQ(a.arch, LutAnchor::architectureFor(s));
    EXPECT_NEAR(a.us, 4.0, 1e-6);
    EXPECT_EQ(a.threads, 1);
    EXPECT_EQ(a.batch, 1);
    EXPECT_FALSE(a.when.empty());
    ASSERT_EQ(us.size(), 3u);
    EXPECT_THROW(LutMeasurer(rebaseTiming(4e-6)).measureAnchor(s, 0), DnasError);
    SearchSpace broken = s;
    broken.layers.clear();
    EXPECT_THROW(LutMeasurer(rebaseTiming(4e-6)).measureAnchor(broken, 1), DnasError);
}
