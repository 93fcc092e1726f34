// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cost/LutChecker.h"
#include "engine/space/SearchSpace.h"
#include "engine/util/DnasError.h"
#include "engine/util/JsonFile.h"
#include "engine/util/TorchSetup.h"
#include "tests/support/SmallSpace.h"

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <map>
#include <memory>

using namespace dnas;

namespace {

SearchSpace tinySpace() {
    return testsupport::smallSpace(
        "tiny", {{8, 1, {"k3_e1", "k3_e3", "skip"}, 0}, {16, 2, {"k3_e1", "k5_e3", "skip"}, 1}});
}

// Every signature costs `us`, so an architecture's LUT sum is (4 + layers) * us.
LatencyTable flatLut(const SearchSpace& s, double us) {
    LatencyTable t;
    for (const auto& sig : LatencyTable::signaturesFor(s))
        t.set({sig, us, {}, {}, {}, {}, 0});
    return t;
}

TEST(LutChecker, KendallTau) {
    const std::vector<double> a = {1, 2, 3, 4, 5};
    EXPECT_DOUBLE_EQ(LutChecker::kendallTau(a, {10, 20, 30, 40, 50}), 1.0);
    EXPECT_DOUBLE_EQ(LutChecker::kendallTau(a, {5, 4, 3, 2, 1}), -1.0);
    // One swapped pair of ten: (9 - 1) / 10.
    EXPECT_DOUBLE_EQ(LutChecker::kendallTau(a, {1, 3, 2, 4, 5}), 0.8);
    // τ-b with a tie in b: pairs 6, concordant 5, tiesB 1 -> 5 / sqrt(6 * 5).
    EXPECT_NEAR(LutChecker::kendallTau({1, 2, 3, 4}, {1, 2, 3, 3}), 5.0 / std::sqrt(30.0), 1e-12);
    EXPECT_TRUE(std::isnan(LutChecker::kendallTau({1, 2}, {3, 3})));
    EXPECT_TRUE(std::isnan(LutChecker::kendallTau({1}, {1})));
    EXPECT_TRUE(std::isnan(LutChecker::kendallTau({1, 2}, {1, 2, 3})));
}

TEST(LutChecker, RandomArchitecturesAreSeededAndValid) {
    const SearchSpace s = tinySpace();
    const auto a = LutChecker::randomArchitectures(s, 8, 3);
    EXPECT_EQ(a.size(), 8u);
    EXPECT_EQ(a, LutChecker::randomArchitectures(s, 8, 3));
    EXPECT_NE(a, LutChecker::randomArchitectures(s, 8, 4));
    for (const auto& arch : a)
        EXPECT_NO_THROW(arch.checkAgainst(s, "test"));
}

TEST(LutChecker, ErrorsAgainstAFakeClockAreExact) {
    const SearchSpace s = tinySpace();
    LutCheckOptions o;
    o.archs = 4;
    o.passes = 2; // the counts below; more passes: MorePassesKeepEachHalfsLowestTiming
    o.timing.warmup = 1;
    o.timing.repeats = 5;
    auto t = std::make_shared<double>(0.0);
    auto reads = std::make_shared<int>(0);
    // Every whole-network run "takes" 20 µs; the LUT says 6 * 4 = 24 µs.
    o.timing.clock = [t, reads] { return *t += ((*reads)++ % 2 ? 20e-6 : 1.0); };
    const LutCheckReport r = LutChecker::check(s, flatLut(s, 4.0), o);
    ASSERT_EQ(r.rows.size(), 4u);
    EXPECT_EQ(*reads, 2 * 4 * 5 * 2); // two passes, four nets, five runs, two reads a run
    for (const auto& row : r.rows) {
        EXPECT_NEAR(row.lut_us, 24.0, 1e-9);
        EXPECT_NEAR(row.measured_us, 20.0, 1e-6);
        EXPECT_NEAR(row.rel_err, 0.2, 1e-6);
        EXPECT_EQ(row.stats.samples, 5);
        EXPECT_NEAR(row.first_us, 20.0, 1e-6);
        EXPECT_NEAR(row.second_us, 20.0, 1e-6);
    }
    EXPECT_NEAR(r.mean_rel_err, 0.2, 1e-6);
    EXPECT_NEAR(r.max_rel_err, 0.2, 1e-6);
    EXPECT_NEAR(r.mean_ratio, 1.2, 1e-6);
    EXPECT_TRUE(std::isnan(r.kendall_tau)); // all equal: no ranking to compare
    const auto j = r.toJson();
    EXPECT_TRUE(j["kendall_tau"].is_null());
    EXPECT_EQ(j["archs"].size(), 4u);
}

// The fake clock makes architecture i "take" units[i] * 2^-20 s in both passes: each timing
// reads the clock 2 * repeats times, pass B starts after all of pass A. Dyadic times keep the
// clock's arithmetic exact, so equal LUT sums give exactly equal measured times (a rounding
// difference would break a tie and move τ-b off ±1).
LutCheckReport checkWithUnits(const SearchSpace& s, const LatencyTable& lut,
                              const std::vector<double>& units) {
    LutCheckOptions o;
    o.archs = static_cast<int>(units.size());
    o.timing.warmup = 0;
    o.timing.repeats = o.timing.min_repeats = 5;
    auto t = std::make_shared<double>(0.0);
    auto reads = std::make_shared<size_t>(0);
    o.timing.clock = [t, reads, units] {
        const size_t i = (*reads)++;
        return *t += i % 2 ? std::ldexp(units.at(i / 10 % units.size()), -20) : 1.0;
    };
    return LutChecker::check(s, lut, o);
}

TEST(LutChecker, KendallTauOfIdenticalAndReversedRankings) {
    const SearchSpace s = tinySpace();
    LatencyTable lut;
    const std::map<std::string, double> cost = {
        {"k3_e1", 10}, {"k3_e3", 25}, {"k5_e3", 40}, {"skip", 1}};
    for (const auto& sig : LatencyTable::signaturesFor(s))
        lut.set({sig, cost.count(sig.op) ? cost.at(sig.op) * sig.c_out : 100.0, {}, {}, {}, {}, 0});
    const auto archs = LutChecker::randomArchitectures(s, 6, 1);
    std::vector<double> same, reversed;
    for (const auto& a : archs) {
        const double sum = lut.archCost(s, a, CostMetric::Latency); // an integer here
        same.push_back(sum);
        reversed.push_back(5000.0 - sum);
    }
    const LutCheckReport r1 = checkWithUnits(s, lut, same);
    EXPECT_DOUBLE_EQ(r1.kendall_tau, 1.0);
    // measured = sum * 2^-20 s = sum * 0.95367... µs: a LUT off by a constant factor still
    // ranks perfectly.
    EXPECT_NEAR(r1.mean_ratio, 1.048576, 1e-9);
    EXPECT_NEAR(r1.max_rel_err, 0.048576, 1e-9);
    EXPECT_DOUBLE_EQ(checkWithUnits(s, lut, reversed).kendall_tau, -1.0);
}

LutCheckRow craftedRow(int index, double lut, double measured, double first, double second) {
    LutCheckRow r;
    r.arch.ops = {"k3_e1", "op" + std::to_string(index)};
    r.lut_us = lut;
    r.measured_us = measured;
    r.rel_err = std::abs(lut - measured) / measured;
    r.first_us = first;
    r.second_us = second;
    return r;
}

TEST(LutChecker, SummaryStatisticsOfCraftedRows) {
    // rel_err of the ten rows: 0.00, 0.05, 0.10, 0.20, 0.40, 0.30, 0.08, 0.60, 0.02, 0.50.
    const std::vector<double> lut = {100, 105, 110, 120, 140, 130, 108, 160, 102, 150};
    std::vector<LutCheckRow> rows;
    for (size_t i = 0; i < lut.size(); ++i)
        rows.push_back(craftedRow(static_cast<int>(i), lut[i], 100.0, 100.0, 100.0));
    const LutCheckReport r = LutChecker::summarize(rows);
    ASSERT_EQ(r.rows.size(), 10u);
    // Within ±10 %, the band's edge included: 0, 0.05, 0.10, 0.08, 0.02.
    EXPECT_DOUBLE_EQ(r.share_within_10pct, 0.5);
    // Sorted: 0, .02, .05, .08, .10, .20, .30, .40, .50, .60. Linear interpolation: the median is
    // the mean of the 5th and 6th, p90 sits at position 8.1 (0.50 + 0.1 * 0.10).
    EXPECT_NEAR(r.median_rel_err, 0.15, 1e-12);
    EXPECT_NEAR(r.p90_rel_err, 0.51, 1e-12);
    EXPECT_NEAR(r.mean_rel_err, 0.225, 1e-12);
    EXPECT_NEAR(r.max_rel_err, 0.6, 1e-12);
    EXPECT_TRUE(std::isnan(r.kendall_tau)); // every measured time is 100: no ranking
    ASSERT_EQ(r.worst.size(), LutChecker::kWorstCount);
    EXPECT_EQ(r.worst, (std::vector<size_t>{7, 9, 4, 5, 3}));
    EXPECT_DOUBLE_EQ(r.noise_floor, 0.0);
    const auto j = r.toJson();
    ASSERT_EQ(j["worst"].size(), 5u);
    EXPECT_EQ(j["worst"][0]["arch"], rows[7].arch.toString());
    EXPECT_DOUBLE_EQ(j["worst"][0]["lut_us"].get<double>(), 160.0);
    EXPECT_DOUBLE_EQ(j["worst"][0]["measured_us"].get<double>(), 100.0);
    EXPECT_DOUBLE_EQ(j["share_within_10pct"].get<double>(), 0.5);
    EXPECT_NEAR(j["median_rel_err"].get<double>(), 0.15, 1e-12);
    EXPECT_NEAR(j["p90_rel_err"].get<double>(), 0.51, 1e-12);
    EXPECT_DOUBLE_EQ(j["noise_floor"].get<double>(), 0.0);
}

TEST(LutChecker, SummaryOfFewAndNoRows) {
    // Fewer rows than kWorstCount: all of them, ties in the order of the rows.
    const LutCheckReport r =
        LutChecker::summarize({craftedRow(0, 110, 100, 100, 0), craftedRow(1, 130, 100, 100, 0),
                               craftedRow(2, 90, 100, 100, 0)});
    EXPECT_EQ(r.worst, (std::vector<size_t>{1, 0, 2}));
    EXPECT_NEAR(r.share_within_10pct, 2.0 / 3.0, 1e-12);
    EXPECT_TRUE(std::isnan(r.noise_floor)); // no row was timed twice
    const LutCheckReport none = LutChecker::summarize({});
    EXPECT_TRUE(none.worst.empty());
    EXPECT_TRUE(std::isnan(none.median_rel_err));
    const auto j = none.toJson();
    EXPECT_TRUE(j["share_within_10pct"].is_null());
    EXPECT_TRUE(j["noise_floor"].is_null());
}

TEST(LutChecker, NoiseFloorIsTheMedianDifferenceOfTheTwoTimings) {
    // |a - b| / min(a, b): 0.10, 0.25, 0.50 (the order of the passes does not matter).
    const LutCheckReport r =
        LutChecker::summarize({craftedRow(0, 100, 100, 100, 110), craftedRow(1, 100, 100, 125, 100),
                               craftedRow(2, 100, 100, 100, 150)});
    EXPECT_NEAR(r.noise_floor, 0.25, 1e-12);
}

TEST(LutChecker, RetestTauRanksTheSecondPassAgainstTheFirst) {
    // Pass A orders the nets 100 < 110 < 120 < 130; pass B swaps the last two: of 6 pairs 5
    // agree and 1 does not, τ = (5 - 1) / 6. The row timed once takes no part.
    const LutCheckReport r =
        LutChecker::summarize({craftedRow(0, 100, 100, 100, 101), craftedRow(1, 100, 100, 110, 111),
                               craftedRow(2, 100, 100, 120, 135), craftedRow(3, 100, 100, 130, 125),
                               craftedRow(4, 100, 100, 500, 0)});
    EXPECT_NEAR(r.retest_tau, 4.0 / 6.0, 1e-12);
    EXPECT_NEAR(r.toJson()["retest_tau"].get<double>(), 4.0 / 6.0, 1e-12);
    // One net timed twice ranks nothing.
    const LutCheckReport one = LutChecker::summarize({craftedRow(0, 100, 100, 100, 110)});
    EXPECT_TRUE(std::isnan(one.retest_tau));
    EXPECT_TRUE(one.toJson()["retest_tau"].is_null());
}

// Three nets, one pass per entry of `units`: every timed run of pass k takes 2^-20 * units[k] s
// (each timing is 5 runs, 10 clock reads, so a pass is 30 reads).
LutCheckOptions threeNetsTimedPerPass(const std::vector<double>& units,
                                      std::shared_ptr<size_t> reads) {
    LutCheckOptions o;
    o.archs = 3;
    o.passes = static_cast<int>(units.size());
    o.timing.warmup = 0;
    o.timing.repeats = o.timing.min_repeats = 5;
    auto t = std::make_shared<double>(0.0);
    o.timing.clock = [t, reads, units] {
        const size_t i = (*reads)++;
        return *t += i % 2 ? std::ldexp(units[std::min(i / 30, units.size() - 1)], -20) : 1.0;
    };
    return o;
}

TEST(LutChecker, TwoPassesGiveTheNoiseFloorAndTheLowerP50) {
    const SearchSpace s = tinySpace();
    auto reads = std::make_shared<size_t>(0);
    // Pass B slower than pass A, as if a burst of load came during pass B only.
    const LutCheckOptions o = threeNetsTimedPerPass({20.0, 25.0}, reads);
    std::vector<size_t> steps;
    const LutCheckReport r = LutChecker::check(s, flatLut(s, 10.0), o,
                                               [&](size_t done, size_t total, const std::string&) {
                                                   EXPECT_EQ(total, 6u);
                                                   steps.push_back(done);
                                                   return true;
                                               });
    EXPECT_EQ(*reads, 60u);
    EXPECT_EQ(steps, (std::vector<size_t>{0, 1, 2, 3, 4, 5, 6}));
    const double us = std::ldexp(1.0, -20) * 1e6;
    for (const auto& row : r.rows) {
        EXPECT_NEAR(row.first_us, 20 * us, 1e-9);
        EXPECT_NEAR(row.second_us, 25 * us, 1e-9);
        EXPECT_NEAR(row.measured_us, 20 * us, 1e-9); // the lower of the two
        EXPECT_NEAR(row.stats.p50_us, 20 * us, 1e-9);
    }
    EXPECT_NEAR(r.noise_floor, 0.25, 1e-9);
}

TEST(LutChecker, MorePassesKeepEachHalfsLowestTiming) {
    const SearchSpace s = tinySpace();
    auto reads = std::make_shared<size_t>(0);
    LutCheckOptions o = threeNetsTimedPerPass({20.0, 25.0, 15.0, 30.0}, reads);
    size_t lastTotal = 0;
    const LutCheckReport r =
        LutChecker::check(s, flatLut(s, 10.0), o, [&](size_t, size_t total, const std::string&) {
            lastTotal = total;
            return true;
        });
    EXPECT_EQ(*reads, 120u);
    EXPECT_EQ(lastTotal, 12u);
    const double us = std::ldexp(1.0, -20) * 1e6;
    for (const auto& row : r.rows) {
        EXPECT_NEAR(row.first_us, 15 * us, 1e-9);  // min(A, C)
        EXPECT_NEAR(row.second_us, 25 * us, 1e-9); // min(B, D)
        EXPECT_NEAR(row.measured_us, 15 * us, 1e-9);
    }
    EXPECT_NEAR(r.noise_floor, 10.0 / 15.0, 1e-9);
    o.passes = 1; // no noise floor from one timing a net
    EXPECT_THROW(LutChecker::check(s, flatLut(s, 10.0), o), DnasError);
}

TEST(LutChecker, MissingSignatureFailsBeforeTiming) {
    const SearchSpace s = tinySpace();
    LatencyTable lut = flatLut(s, 1.0);
    lut.clear();
    int runs = 0;
    LutCheckOptions o;
    o.timing.clock = [&runs] { return ++runs * 1.0; };
    EXPECT_THROW(LutChecker::check(s, lut, o), DnasError);
    EXPECT_EQ(runs, 0);
}

TEST(LutChecker, CancellationAndRealTimer) {
    configureTorchThreads(1);
    const SearchSpace s = tinySpace();
    LutCheckOptions o;
    o.archs = 5;
    o.timing.repeats = 5;
    o.timing.budget_s = 0.05;
    const LutCheckReport r = LutChecker::check(
        s, flatLut(s, 10.0), o, [](size_t done, size_t, const std::string&) { return done < 2; });
    EXPECT_TRUE(r.cancelled);
    ASSERT_EQ(r.rows.size(), 2u);
    for (const auto& row : r.rows) {
        EXPECT_GT(row.measured_us, 0.0);
        EXPECT_NEAR(row.rel_err, std::abs(row.lut_us - row.measured_us) / row.measured_us, 1e-12);
    }
}

} // namespace

namespace {

// Each timing reads the clock 2 * repeats times (no warm-up); which item a timing is follows
// LutChecker::passOrder, pass after pass. The anchor takes anchorUnits, net i units[i], all
// times 2^-20 s · scale.
LutCheckOptions scheduledTiming(const std::vector<double>& units, double anchorUnits, double scale,
                                std::shared_ptr<size_t> reads) {
    LutCheckOptions o;
    o.archs = static_cast<int>(units.size());
    o.passes = 2; // the anchor and clock-read counts of the drift tests
    o.timing.warmup = 0;
    o.timing.repeats = o.timing.min_repeats = 5;
    o.timing.threads = 1;
    const auto order = LutChecker::passOrder(units.size(), true);
    auto t = std::make_shared<double>(0.0);
    o.timing.clock = [t, reads, units, anchorUnits, scale, order] {
        const size_t i = (*reads)++;
        if (i % 2 == 0)
            return *t += 1.0;
        const auto item = order[i / 10 % order.size()];
        return *t += scale * std::ldexp(item ? units.at(*item) : anchorUnits, -20);
    };
    return o;
}

// The LUT of KendallTauOfIdenticalAndReversedRankings, and nets measured off it by a factor
// that differs per net, so the errors spread over the ±10 % band.
struct DriftCase {
    SearchSpace space = tinySpace();
    LatencyTable lut;
    std::vector<double> units;
    static constexpr double kAnchorUnits = 300.0;
    static constexpr int kNets = 23; // three anchor timings inside each pass
    DriftCase() {
        const std::map<std::string, double> cost = {
            {"k3_e1", 10}, {"k3_e3", 25}, {"k5_e3", 40}, {"skip", 1}};
        for (const auto& sig : LatencyTable::signaturesFor(space))
            lut.set(
                {sig, cost.count(sig.op) ? cost.at(sig.op) * sig.c_out : 100.0, {}, {}, {}, {}, 0});
        const auto archs = LutChecker::randomArchitectures(space, kNets, 1);
        // units of 2^-20 s: measured µs = LUT sum · (0.80 ... 1.12).
        for (size_t i = 0; i < archs.size(); ++i)
            units.push_back(lut.archCost(space, archs[i], CostMetric::Latency) * 1.048576 *
                            (0.8 + 0.02 * static_cast<double>(i % 17)));
    }
    double anchorUs() const { return std::ldexp(kAnchorUnits, -20) * 1e6; }
    LatencyTable anchored() const {
        LatencyTable t = lut;
        t.anchors[space.name] =
            LutAnchor::stamped(LutAnchor::architectureFor(space), anchorUs(), 1, 1);
        return t;
    }
};

} // namespace

TEST(LutChecker, PassOrderPutsTheAnchorFirstEveryTenNetsAndLast) {
    using Order = std::vector<std::optional<size_t>>;
    EXPECT_EQ(LutChecker::passOrder(3, false), (Order{0, 1, 2}));
    EXPECT_EQ(LutChecker::passOrder(3, true), (Order{std::nullopt, 0, 1, 2, std::nullopt}));
    // Ten nets: no anchor twice in a row at the end.
    const Order ten = LutChecker::passOrder(10, true);
    ASSERT_EQ(ten.size(), 12u);
    EXPECT_EQ(std::count(ten.begin(), ten.end(), std::nullopt), 2);
    const Order many = LutChecker::passOrder(23, true);
    ASSERT_EQ(many.size(), 23u + 4u);
    EXPECT_EQ(many[11], std::nullopt); // after nets 0..9
    EXPECT_EQ(many[12], std::optional<size_t>(10));
    EXPECT_EQ(many[22], std::nullopt); // after nets 10..19
    EXPECT_EQ(many.back(), std::nullopt);
}

TEST(LutChecker, AUniformSlowdownIsReportedAsDriftAndCorrectedAway) {
    const DriftCase c;
    auto reads = std::make_shared<size_t>(0);
    const LutCheckReport same = LutChecker::check(
        c.space, c.anchored(), scheduledTiming(c.units, c.kAnchorUnits, 1.0, reads));
    ASSERT_TRUE(same.drift.known());
    EXPECT_EQ(same.drift.anchor_us.size(), 2u * 4u); // start, after 10 and 20 nets, end; 2 passes
    EXPECT_EQ(*reads, 2u * 5u * 2u * (23u + 4u));
    // Not exact: the fake clock's time is a sum of non-dyadic steps.
    EXPECT_NEAR(same.drift.factor, 1.0, 1e-9);
    EXPECT_NEAR(same.drift.spread, 0.0, 1e-9);
    EXPECT_EQ(same.drift.arch, LutAnchor::architectureFor(c.space));
    EXPECT_GT(same.share_within_10pct, 0.2); // a spread of errors, not all in or all out
    EXPECT_LT(same.share_within_10pct, 0.9);

    const LutCheckReport slow = LutChecker::check(
        c.space, c.anchored(), scheduledTiming(c.units, c.kAnchorUnits, 1.3, reads));
    ASSERT_TRUE(slow.drift.known());
    EXPECT_NEAR(slow.drift.factor, 1.3, 1e-9);
    EXPECT_NEAR(slow.drift.fastestUs(), 1.3 * c.anchorUs(), 1e-6);
    // As timed, the table looks 30 % too fast; corrected, it is the table it was.
    EXPECT_NEAR(slow.mean_ratio, same.mean_ratio / 1.3, 1e-9);
    EXPECT_LT(slow.share_within_10pct, same.share_within_10pct);
    const LutCheckReport fixed = slow.driftCorrected();
    EXPECT_NEAR(fixed.share_within_10pct, same.share_within_10pct, 1e-12);
    EXPECT_NEAR(fixed.median_rel_err, same.median_rel_err, 1e-9);
    EXPECT_NEAR(fixed.p90_rel_err, same.p90_rel_err, 1e-9);
    EXPECT_NEAR(fixed.mean_ratio, same.mean_ratio, 1e-9);
    // τ ignores a common factor; against the unscaled check only near: the clock's rounding
    // breaks some ties of equal nets differently.
    EXPECT_DOUBLE_EQ(fixed.kendall_tau, slow.kendall_tau);
    EXPECT_NEAR(fixed.kendall_tau, same.kendall_tau, 0.01);

    const auto j = slow.toJson();
    EXPECT_EQ(j["drift"]["status"], "measured");
    EXPECT_NEAR(j["drift"]["factor"].get<double>(), 1.3, 1e-9);
    EXPECT_EQ(j["drift"]["anchor_us"].size(), 8u);
    EXPECT_NEAR(j["drift"]["corrected"]["median_rel_err"].get<double>(), same.median_rel_err, 1e-9);
    EXPECT_NEAR(j["median_rel_err"].get<double>(), slow.median_rel_err, 1e-12); // as timed
    EXPECT_DOUBLE_EQ(j["drift"]["stored"]["us"].get<double>(), c.anchorUs());
}

TEST(LutChecker, ADriftWithinTheCheckShowsAsSpread) {
    const DriftCase c;
    auto reads = std::make_shared<size_t>(0);
    LutCheckOptions o = scheduledTiming(c.units, c.kAnchorUnits, 1.0, reads);
    // Pass B (the second half of the reads) runs 1.5x slower: the nets keep pass A's timing (the
    // lower one), the anchor's timings spread.
    const auto inner = o.timing.clock;
    const size_t perPass = 2 * 5 * (23 + 4);
    auto own = std::make_shared<size_t>(0);
    auto t = std::make_shared<double>(0.0), last = std::make_shared<double>(0.0);
    o.timing.clock = [inner, own, t, last, perPass] {
        const size_t i = (*own)++;
        const double now = inner();
        const double step = now - *last;
        *last = now;
        const bool passB = i >= perPass;
        return *t += i % 2 == 1 && passB ? 1.5 * step : step;
    };
    const LutCheckReport r = LutChecker::check(c.space, c.anchored(), o);
    ASSERT_EQ(r.drift.anchor_us.size(), 8u);
    EXPECT_NEAR(r.drift.spread, 0.5, 1e-9);
    // The fastest of four 1.0s and four 1.5s: pass B's slow spell is load, not the speed the
    // blocks were timed at (the median, 1.25, would scale the table by it).
    EXPECT_NEAR(r.drift.factor, 1.0, 1e-9);
}

TEST(LutChecker, WithoutAComparableAnchorTheFiguresAreAsTimed) {
    const DriftCase c;
    auto reads = std::make_shared<size_t>(0);
    LutCheckOptions o = scheduledTiming(c.units, c.kAnchorUnits, 1.0, reads);
    // An old LUT: nothing stored, nothing extra timed (pass order without anchors, so net i
    // comes at timing i here, which the schedule above does not expect: only counts matter).
    const LutCheckReport old = LutChecker::check(c.space, c.lut, o);
    EXPECT_EQ(old.drift.status, LutDriftStatus::NoAnchor);
    EXPECT_TRUE(old.drift.anchor_us.empty());
    EXPECT_TRUE(std::isnan(old.drift.factor));
    EXPECT_EQ(*reads, 2u * 5u * 2u * 23u);
    const LutCheckReport same = old.driftCorrected();
    EXPECT_EQ(same.median_rel_err, old.median_rel_err);
    const auto j = old.toJson();
    EXPECT_EQ(j["drift"]["status"], "unknown");
    EXPECT_FALSE(j["drift"].contains("corrected"));
    EXPECT_TRUE(j["drift"]["factor"].is_null());

    // Stored with two threads, checked with one: another speed, not a drift.
    LatencyTable t = c.anchored();
    t.anchors[c.space.name].threads = 2;
    *reads = 0;
    const LutCheckReport other = LutChecker::check(c.space, t, o);
    EXPECT_EQ(other.drift.status, LutDriftStatus::OtherSettings);
    EXPECT_TRUE(other.drift.anchor_us.empty());
    EXPECT_EQ(*reads, 2u * 5u * 2u * 23u);

    // Always (what a calibration asks): the anchor is timed to become the reference.
    o.anchor = LutAnchorTiming::Always;
    *reads = 0;
    const LutCheckReport timed = LutChecker::check(c.space, c.lut, o);
    EXPECT_EQ(timed.drift.status, LutDriftStatus::NoAnchor);
    ASSERT_EQ(timed.drift.anchor_us.size(), 8u);
    EXPECT_NEAR(timed.drift.fastestUs(), c.anchorUs(), 1e-6);
}

TEST(LutChecker, ADriftReadsBackWhatItWrote) {
    const DriftCase c;
    LutDrift d;
    d.status = LutDriftStatus::Measured;
    d.arch = LutAnchor::architectureFor(c.space);
    d.anchor_us = {110.0, 130.0, 120.0};
    d.stored = c.anchored().anchors.at(c.space.name);
    d.factor = 1.2;
    d.spread = 20.0 / 110.0;
    const nlohmann::json j = d.toJson();
    const LutDrift back = LutDrift::fromJson(JsonReader(j, "saved.lut.json", "drift"));
    EXPECT_EQ(back.status, LutDriftStatus::Measured);
    EXPECT_EQ(back.arch, d.arch);
    EXPECT_EQ(back.anchor_us, d.anchor_us);
    EXPECT_DOUBLE_EQ(back.factor, 1.2);
    EXPECT_DOUBLE_EQ(back.spread, d.spread);
    ASSERT_TRUE(back.stored);
    EXPECT_DOUBLE_EQ(back.stored->us, d.stored->us);
    EXPECT_EQ(back.toJson(), j);
    // Each reason a check gives without a drift comes back as itself.
    for (LutDriftStatus s :
         {LutDriftStatus::NoAnchor, LutDriftStatus::OtherSettings, LutDriftStatus::OtherSpace}) {
        LutDrift unknown;
        unknown.status = s;
        const nlohmann::json u = unknown.toJson();
        const LutDrift read = LutDrift::fromJson(JsonReader(u, "saved.lut.json", "drift"));
        EXPECT_EQ(read.status, s);
        EXPECT_TRUE(std::isnan(read.factor));
    }
    // Bad values name the file and the field.
    const std::pair<const char*, nlohmann::json> bad[] = {{"status", "fine"},
                                                          {"reason", 3},
                                                          {"factor", -1.0},
                                                          {"factor", nullptr},
                                                          {"spread", -0.5},
                                                          {"anchor_us", "fast"},
                                                          {"anchor_us", {1.0, 0}},
                                                          {"arch", 17},
                                                          {"stored", nlohmann::json::object()},
                                                          {"anchor_us", nlohmann::json::array()}};
    for (const auto& [field, value] : bad) {
        nlohmann::json broken = j;
        broken[field] = value;
        try {
            LutDrift::fromJson(JsonReader(broken, "saved.lut.json", "drift"));
            ADD_FAILURE() << field << " = " << value << " was read";
        } catch (const DnasError& e) {
            const std::string what = e.what();
            EXPECT_NE(what.find("saved.lut.json"), std::string::npos) << what;
            EXPECT_NE(what.find(std::string("drift.") + field), std::string::npos) << what;
        }
    }
    nlohmann::json reasonless = LutDrift{}.toJson();
    reasonless["reason"] = "the moon";
    EXPECT_THROW(LutDrift::fromJson(JsonReader(reasonless, "saved.lut.json", "drift")), DnasError);
}
