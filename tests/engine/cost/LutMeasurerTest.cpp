// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cost/LutMeasurer.h"
#include "engine/cost/LutCache.h"
#include "engine/cost/LutChecker.h"
#include "engine/space/SearchSpace.h"
#include "engine/util/DnasError.h"
#include "engine/util/TorchSetup.h"
#include "tests/support/SmallSpace.h"

#include <cstdlib>
#include <filesystem>
#include <gtest/gtest.h>
#include <map>
#include <memory>
#include <unistd.h>

using namespace dnas;
namespace fs = std::filesystem;

namespace {

// A clock whose timed intervals are `deltas` (s) in turn: the first read of each pair returns t,
// the second t + delta. Counts its reads.
struct FakeClock {
    std::vector<double> deltas;
    std::shared_ptr<size_t> reads = std::make_shared<size_t>(0);
    std::function<double()> fn() const {
        auto d = deltas;
        auto n = reads;
        auto t = std::make_shared<double>(100.0);
        return [d, n, t]() {
            const size_t i = (*n)++;
            if (i % 2 == 1)
                *t += d[(i / 2) % d.size()];
            else
                *t += 1.0; // gaps between runs must not count
            return *t;
        };
    }
};

TimingOptions fakeOptions(const FakeClock& c, int repeats) {
    TimingOptions o;
    o.warmup = 0;
    o.repeats = repeats;
    o.min_repeats = std::min(5, repeats);
    o.budget_s = 1e9;
    o.clock = c.fn();
    return o;
}

// A small space: 2 layers with the same shape (so their signatures are shared) and a strided one.
SearchSpace smallSpace() {
    return testsupport::smallSpace("small", {{8, 1, {"k3_e1", "skip"}, 0},
                                             {8, 1, {"k3_e1", "skip"}, 0},
                                             {16, 2, {"k3_e3", "k5_e1_g2", "skip"}, 1}});
}

TEST(TimingProtocol, StatisticsOfAKnownSequence) {
    FakeClock c;
    for (int i = 10; i >= 1; --i)
        c.deltas.push_back(i * 1e-3); // 10..1 ms, unsorted on purpose
    const TimingStats st = TimingProtocol(fakeOptions(c, 10)).time([] {});
    EXPECT_EQ(st.samples, 10);
    EXPECT_EQ(*c.reads, 20u);
    EXPECT_NEAR(st.p10_us, 1900.0, 1e-6); // numpy: 1 + 0.9 * (2 - 1) ms
    EXPECT_NEAR(st.p50_us, 5500.0, 1e-6);
    EXPECT_NEAR(st.p90_us, 9100.0, 1e-6);
    EXPECT_NEAR(st.mean_us, 5500.0, 1e-6);

    const TimingStats odd = TimingProtocol::summarize({3.0, 1.0, 2.0});
    EXPECT_DOUBLE_EQ(odd.p50_us, 2.0);
    EXPECT_DOUBLE_EQ(odd.p10_us, 1.2);
    EXPECT_EQ(TimingProtocol::summarize({}).samples, 0);
}

TEST(TimingProtocol, BudgetStopsEarlyButNotBeforeTheMinimum) {
    FakeClock c{{0.1}};
    TimingOptions o = fakeOptions(c, 30);
    o.budget_s = 0.25; // used up after 3 runs, but at least 5
    int runs = 0;
    o.warmup = 2;
    const TimingStats st = TimingProtocol(o).time([&] { ++runs; });
    EXPECT_EQ(st.samples, 5);
    EXPECT_EQ(runs, 7);
    o.budget_s = 0.75; // 8 runs of 0.1 s pass it
    EXPECT_EQ(TimingProtocol(o).time([] {}).samples, 8);
    o.repeats = 2;
    EXPECT_THROW(TimingProtocol{o}, DnasError); // fewer than min_repeats
}

TEST(LutMeasurer, EverySignatureOfFbnetFmnistExactlyOnce) {
    const SearchSpace space = SearchSpace::load("fbnet-fmnist");
    FakeClock c{{2e-6, 4e-6, 3e-6}};
    TimingOptions o = fakeOptions(c, 3);
    o.min_repeats = 3;
    std::map<std::string, int> seen;
    size_t finalCalls = 0;
    const MeasureResult r =
        LutMeasurer(o, 1).measure(space, [&](size_t done, size_t total, const std::string& what) {
            EXPECT_LE(done, total);
            if (what.empty())
                ++finalCalls;
            else
                ++seen[what];
            return true;
        });
    const auto sigs = LatencyTable::signaturesFor(space);
    EXPECT_FALSE(r.cancelled);
    EXPECT_EQ(r.measured, sigs.size());
    EXPECT_EQ(r.table.size(), sigs.size());
    EXPECT_EQ(finalCalls, 1u);
    EXPECT_EQ(seen.size(), sigs.size());
    for (const auto& [what, n] : seen)
        EXPECT_EQ(n, 1) << what;
    // 3 timed runs per signature and per timing of the anchor net between them.
    const size_t anchors = LutChecker::passOrder(sigs.size(), true).size() - sigs.size();
    EXPECT_EQ(anchors, 2 + (sigs.size() - 1) / LutChecker::kAnchorEvery);
    EXPECT_EQ(*c.reads, 2 * 3 * (sigs.size() + anchors));
    EXPECT_TRUE(r.table.missing(space).empty());
    ASSERT_EQ(r.table.anchors.count("fbnet-fmnist"), 1u);
    const LutAnchor& a = r.table.anchors.at("fbnet-fmnist");
    EXPECT_EQ(a.arch, LutAnchor::architectureFor(space));
    EXPECT_NEAR(a.us, 3.0, 1e-6); // the fake clock's p50, like every block's
    EXPECT_EQ(a.batch, 1);
    EXPECT_GT(a.threads, 0);
    for (const auto& e : r.table.entries()) {
        EXPECT_NEAR(e.latency_us, 3.0, 1e-6) << e.sig.describe();
        EXPECT_NEAR(*e.p10_us, 2.2, 1e-6);
        EXPECT_NEAR(*e.p90_us, 3.8, 1e-6);
        EXPECT_NEAR(*e.mean_us, 3.0, 1e-6);
        EXPECT_EQ(e.samples, 3);
    }
    EXPECT_EQ(r.table.device["kind"], "measured");
    EXPECT_EQ(r.table.device["batch"], 1);
    EXPECT_FALSE(r.table.device["cpu"].get<std::string>().empty());
    EXPECT_EQ(r.table.provenance["kind"], "measured");
    EXPECT_EQ(r.table.provenance["repeats"], 3);
    EXPECT_EQ(r.table.provenance["rounds"], 1);
    EXPECT_EQ(r.table.provenance["statistic"], "p50");
    EXPECT_EQ(r.table.provenance["date"].get<std::string>().size(), 20u);
}

TEST(LutMeasurer, RoundsKeepEachBlocksLowestP50AndAlternateTheirOrder) {
    const SearchSpace space = smallSpace();
    const size_t blocks = LatencyTable::signaturesFor(space).size();
    // Every timed run of round k takes (k + 1) µs but round 2's takes 0.5 µs: a quiet spell.
    const int repeats = 5;
    const size_t anchors = LutChecker::passOrder(blocks, true).size() - blocks;
    FakeClock c;
    for (double us : {1.0, 2.0, 0.5})
        for (size_t i = 0; i < (blocks + anchors) * repeats; ++i)
            c.deltas.push_back(us * 1e-6);
    std::vector<std::string> order;
    const MeasureResult r = LutMeasurer(fakeOptions(c, repeats), 3)
                                .measure(space, [&](size_t, size_t total, const std::string& w) {
                                    EXPECT_EQ(total, 3 * blocks);
                                    if (!w.empty())
                                        order.push_back(w);
                                    return true;
                                });
    EXPECT_EQ(r.measured, blocks);
    ASSERT_EQ(order.size(), 3 * blocks);
    for (size_t i = 0; i < blocks; ++i) {
        EXPECT_NE(order[i].find("(round 1 of 3)"), std::string::npos) << order[i];
        // The second round visits the blocks in reverse, the third in the first's order.
        const auto name = [&](size_t k) { return order[k].substr(0, order[k].find(" (round")); };
        EXPECT_EQ(name(blocks + i), name(blocks - 1 - i));
        EXPECT_EQ(name(2 * blocks + i), name(i));
    }
    for (const auto& e : r.table.entries()) {
        EXPECT_NEAR(e.latency_us, 0.5, 1e-6) << e.sig.describe(); // the lowest round p50
        EXPECT_EQ(e.samples, 3 * repeats);                        // all rounds' runs
        EXPECT_NEAR(*e.p90_us, 2.0, 1e-6);
        EXPECT_NEAR(*e.mean_us, 3.5 / 3.0, 1e-6);
    }
    EXPECT_EQ(r.table.provenance["rounds"], 3);
    EXPECT_EQ(r.table.provenance["statistic"], "lowest p50 of the rounds");
    EXPECT_THROW(LutMeasurer(fakeOptions(c, repeats), 0), DnasError);
}

TEST(LutMeasurer, SharedShapesAndDuplicatesAreMeasuredOnce) {
    const SearchSpace space = smallSpace();
    FakeClock c{{1e-6}};
    const LutMeasurer m(fakeOptions(c, 5));
    // Layers 0 and 1 share (8->8, 8x8, s1): 4 fixed + 2 + 3 signatures.
    EXPECT_EQ(m.measure(space).measured, 4u + 2u + 3u);
    auto sigs = LatencyTable::signaturesFor(space);
    sigs.insert(sigs.end(), sigs.begin(), sigs.begin() + 3);
    const MeasureResult r = m.measure(space, sigs);
    EXPECT_EQ(r.requested, 9u);
    EXPECT_EQ(r.measured, 9u);
    EXPECT_THROW(m.measure(space, {{"k9_e9", 8, 8, 8, 8, 1}}), DnasError);
}

TEST(LutMeasurer, CancellationStopsEarly) {
    const SearchSpace space = smallSpace();
    FakeClock c{{1e-6}};
    const MeasureResult r =
        LutMeasurer(fakeOptions(c, 5)).measure(space, [](size_t done, size_t, const std::string&) {
            return done < 3;
        });
    EXPECT_TRUE(r.cancelled);
    EXPECT_EQ(r.measured, 3u);
    EXPECT_EQ(r.table.size(), 3u);
    EXPECT_EQ(*c.reads, 2u * 5u * (1u + 3u)); // the anchor first, then 3 blocks
    EXPECT_TRUE(r.table.anchors.empty());     // a cancelled measurement records no speed
}

TEST(LutMeasurer, EnsureMachineLutMeasuresOnlyWhatIsMissing) {
    const fs::path dir = fs::temp_directory_path() / ("dnas-lutcache-" + std::to_string(getpid()));
    fs::remove_all(dir);
    ::setenv("DNAS_CACHE_DIR", dir.c_str(), 1);
    SearchSpace space = smallSpace();
    FakeClock c{{5e-6}};
    size_t calls = 0;
    auto count = [&](size_t, size_t, const std::string& what) {
        if (!what.empty())
            ++calls;
        return true;
    };
    // Cancelled after 2: those 2 are kept in the cache.
    auto cancelled = ensureMachineLut(
        space, [](size_t done, size_t, const std::string&) { return done < 2; }, fakeOptions(c, 5),
        0);
    EXPECT_FALSE(cancelled);
    ASSERT_TRUE(LutCache::load());
    EXPECT_EQ(LutCache::load()->size(), 2u);

    auto first = ensureMachineLut(space, count, fakeOptions(c, 5), 0);
    ASSERT_TRUE(first);
    EXPECT_EQ(calls, (9u - 2u) * kDefaultMeasureRounds); // each missing block once a round
    EXPECT_TRUE(first->missing(space).empty());
    EXPECT_EQ(first->device["kind"], "measured");

    calls = 0;
    auto second = ensureMachineLut(space, count, fakeOptions(c, 5), 0);
    ASSERT_TRUE(second);
    EXPECT_EQ(calls, 0u);
    EXPECT_EQ(second->size(), first->size());

    // A wider last layer adds one new shape per op there and changes the head's input.
    space.layers[2].c_out = 24;
    auto third = ensureMachineLut(space, count, fakeOptions(c, 5), 0);
    ASSERT_TRUE(third);
    EXPECT_EQ(calls, (3u + 1u) * kDefaultMeasureRounds);
    EXPECT_EQ(third->size(), 9u + 4u);
    EXPECT_EQ(LatencyTable::load(LutCache::path()).size(), 13u);
    fs::remove_all(dir);
}

TEST(LutMeasurer, EnsureMachineLutCalibratesOnceAndAgainAfterNewBlocks) {
    const fs::path dir = fs::temp_directory_path() / ("dnas-lutcal-" + std::to_string(getpid()));
    fs::remove_all(dir);
    ::setenv("DNAS_CACHE_DIR", dir.c_str(), 1);
    SearchSpace space = smallSpace();
    FakeClock c{{5e-6}};
    size_t steps = 0, last = 0, total = 0;
    auto count = [&](size_t done, size_t all, const std::string& what) {
        EXPECT_GE(done, last); // one bar over both phases: never goes back
        last = done;
        total = all;
        if (!what.empty())
            ++steps;
        return true;
    };
    auto first = ensureMachineLut(space, count, fakeOptions(c, 5), 4);
    ASSERT_TRUE(first);
    EXPECT_TRUE(first->calibratedFor(space.name));
    // Measured with its anchor, which the calibration timed again: same speed, drift 1.
    ASSERT_EQ(first->anchors.count(space.name), 1u);
    EXPECT_NEAR(first->anchors.at(space.name).us, 5.0, 1e-6);
    EXPECT_NEAR(first->calibrations.at(space.name).drift, 1.0, 1e-6);
    EXPECT_EQ(first->calibrations.at(space.name).networks, 4);
    const size_t passes = LutCheckOptions::kDefaultPasses;
    const size_t rounds = kDefaultMeasureRounds;
    EXPECT_EQ(total, 9u * rounds + passes * 4u); // 9 blocks each round, then 4 nets each pass
    EXPECT_EQ(steps, total);

    steps = last = 0;
    ASSERT_TRUE(ensureMachineLut(space, count, fakeOptions(c, 5), 4));
    EXPECT_EQ(steps, 0u); // measured and calibrated: nothing to do

    space.layers[2].c_out = 24; // new blocks: the old fit no longer describes the table
    steps = last = 0;
    auto third = ensureMachineLut(space, count, fakeOptions(c, 5), 4);
    ASSERT_TRUE(third);
    EXPECT_EQ(steps, 4u * rounds + passes * 4u);
    EXPECT_TRUE(LatencyTable::load(LutCache::path()).calibratedFor(space.name));
    fs::remove_all(dir);
}

TEST(LutMeasurer, RealTimerSeesAFatBlockIsSlowerThanSkip) {
    configureTorchThreads(1);
    SearchSpace space = smallSpace();
    TimingOptions o;
    o.repeats = 7;
    o.budget_s = 0.5;
    const LutMeasurer m(o);
    const TimingStats fat = m.timeSignature(space, {"k5_e6", 16, 16, 112, 112, 1});
    const TimingStats skip = m.timeSignature(space, {"skip", 16, 16, 112, 112, 1});
    EXPECT_GE(fat.samples, 5);
    EXPECT_GT(fat.p50_us, 0.0);
    // k5_e6 does ~30 MMACs here, skip is the identity: a generous margin for a shared machine.
    EXPECT_GT(fat.p50_us, 5.0 * skip.p50_us) << fat.p50_us << " vs " << skip.p50_us;
    // Every kind of fixed part runs.
    for (const OpSignature& sig : LatencyTable::fixedSignatures(space))
        EXPECT_GT(m.timeSignature(space, sig).p50_us, 0.0) << sig.describe();
}

} // namespace
