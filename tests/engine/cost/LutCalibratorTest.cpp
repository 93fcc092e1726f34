// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cost/LutCalibrator.h"
#include "engine/space/SearchSpace.h"
#include "engine/util/DnasError.h"
#include "tests/support/SmallSpace.h"

#include <gtest/gtest.h>
#include <map>
#include <memory>
#include <string>

using namespace dnas;

namespace {

// Five layers, five ops, two resolutions: enough nets differ that every scale is determined.
SearchSpace calibrationSpace() {
    const std::vector<std::string> ops = {"k3_e1", "k3_e3", "k5_e3", "k3_e6", "skip"};
    return testsupport::smallSpace(
        "calib",
        {{8, 1, ops, 0}, {8, 1, ops, 0}, {16, 2, ops, 1}, {16, 1, ops, 1}, {16, 1, ops, 1}});
}

// Block cells that differ by op and shape (no two ops proportional); skip costs nothing alone.
LatencyTable measuredLut(const SearchSpace& s) {
    const std::map<std::string, double> base = {
        {"k3_e1", 10}, {"k3_e3", 25}, {"k5_e3", 33}, {"k3_e6", 47}, {"skip", 0}};
    LatencyTable t;
    for (const auto& sig : LatencyTable::signaturesFor(s)) {
        const auto it = base.find(sig.op);
        const double us = it == base.end() ? 20.0 : it->second * (1.0 + sig.c_out / 64.0);
        t.set({sig, us, 7.0, {}, {}, {}, 0}); // energy 7 µJ everywhere
    }
    return t;
}

// What a whole net costs "on the machine": each op timed alone is off by a factor, every block
// pays an overhead, the fixed parts are as measured.
struct Truth {
    std::map<std::string, double> scale;
    double overheadUs = 0.0;
};
const Truth kShared = {{{"k3_e1", 1.25}, {"k3_e3", 1.25}, {"k5_e3", 1.25}, {"k3_e6", 1.25}}, 4.0};
const Truth kPerOp = {{{"k3_e1", 1.30}, {"k3_e3", 0.85}, {"k5_e3", 1.10}, {"k3_e6", 0.95}}, 4.0};

double wholeNetUs(const SearchSpace& s, const LatencyTable& t, const Architecture& a,
                  const Truth& truth) {
    double us = t.fixedCost(s, CostMetric::Latency);
    const auto shapes = s.layerShapes();
    for (size_t i = 0; i < shapes.size(); ++i) {
        const auto& sh = shapes[i];
        const double cell =
            t.value({a.ops[i], sh.c_in, sh.c_out, sh.h, sh.w, sh.stride}, CostMetric::Latency);
        const auto it = truth.scale.find(a.ops[i]);
        us += (it == truth.scale.end() ? 1.0 : it->second) * cell + truth.overheadUs;
    }
    return us;
}

LutCalibration fitTo(const SearchSpace& s, const LatencyTable& raw, const Truth& truth) {
    const auto nets = LutChecker::randomArchitectures(s, 30, 101);
    std::vector<double> measured;
    for (const auto& a : nets)
        measured.push_back(wholeNetUs(s, raw, a, truth));
    return LutCalibrator::fit(s, raw, nets, measured);
}

} // namespace

TEST(LutCalibrator, RecoversAKnownCorrectionAndPredictsNetsItDidNotSee) {
    const SearchSpace s = calibrationSpace();
    const LatencyTable raw = measuredLut(s);
    const LutCalibration c = fitTo(s, raw, kShared);
    for (const auto& [op, scale] : kShared.scale)
        EXPECT_NEAR(c.op_scale.at(op), scale, 0.01) << op;
    EXPECT_NEAR(c.per_block_us, kShared.overheadUs, 0.1);
    EXPECT_EQ(c.op_scale.count("skip"), 0u); // zero cells: nothing to scale
    EXPECT_EQ(c.networks, 30);
    EXPECT_GT(c.before_median_rel_err, 0.05);
    EXPECT_LT(c.after_median_rel_err, 0.005);
    EXPECT_DOUBLE_EQ(c.after_share_within_10pct, 1.0);

    // Held-out nets: the raw sums miss, the calibrated ones do not.
    LatencyTable withFit = raw;
    withFit.calibrations[s.name] = c;
    const LatencyTable calibrated = withFit.calibratedFor(s);
    for (const auto& a : LutChecker::randomArchitectures(s, 20, 7)) {
        const double truth = wholeNetUs(s, raw, a, kShared);
        EXPECT_NEAR(calibrated.archCost(s, a, CostMetric::Latency), truth, 0.01 * truth);
    }
}

TEST(LutCalibrator, AnErrorThatDiffersByOpIsStillReduced) {
    const SearchSpace s = calibrationSpace();
    const LutCalibration c = fitTo(s, measuredLut(s), kPerOp);
    EXPECT_LT(c.after_median_rel_err, 0.5 * c.before_median_rel_err);
}

TEST(LutCalibrator, AppliesToTheSpacesBlockLatenciesOnly) {
    const SearchSpace s = calibrationSpace();
    LatencyTable t = measuredLut(s);
    LutCalibration c;
    c.op_scale = {{"k3_e1", 2.0}};
    c.per_block_us = 1.0;
    t.calibrations[s.name] = c;
    const auto sig = blockSignature(s, 0, "k3_e1");
    const auto other = blockSignature(s, 0, "k3_e3");
    const auto stem = LatencyTable::fixedSignatures(s)[0];
    const LatencyTable cal = t.calibratedFor(s);
    EXPECT_DOUBLE_EQ(cal.value(sig, CostMetric::Latency),
                     2.0 * t.value(sig, CostMetric::Latency) + 1.0);
    EXPECT_DOUBLE_EQ(cal.value(other, CostMetric::Latency),
                     t.value(other, CostMetric::Latency) + 1.0);
    EXPECT_DOUBLE_EQ(cal.value(stem, CostMetric::Latency), t.value(stem, CostMetric::Latency));
    EXPECT_DOUBLE_EQ(cal.value(sig, CostMetric::Energy), 7.0);
    EXPECT_TRUE(cal.calibrations.empty()); // applying again changes nothing
    EXPECT_DOUBLE_EQ(cal.calibratedFor(s).value(sig, CostMetric::Latency),
                     cal.value(sig, CostMetric::Latency));
    // Another space of the same shapes has no calibration: the measured cells.
    SearchSpace twin = s;
    twin.name = "twin";
    EXPECT_DOUBLE_EQ(t.calibratedFor(twin).value(sig, CostMetric::Latency),
                     t.value(sig, CostMetric::Latency));
}

TEST(LutCalibrator, TravelsWithTheLutAndABadScaleIsNamed) {
    const SearchSpace s = calibrationSpace();
    LatencyTable t = measuredLut(s);
    LutCalibration c;
    c.op_scale = {{"k5_e3", 1.25}};
    c.per_block_us = -2.5;
    c.networks = 30;
    t.calibrations[s.name] = c;
    const LatencyTable back = LatencyTable::fromJson(t.toJson(), "x.lut.json");
    ASSERT_TRUE(back.calibratedFor(s.name));
    EXPECT_DOUBLE_EQ(back.calibrations.at(s.name).op_scale.at("k5_e3"), 1.25);
    EXPECT_DOUBLE_EQ(back.calibrations.at(s.name).per_block_us, -2.5);

    nlohmann::json bad = t.toJson();
    bad["calibrations"]["calib"]["op_scale"]["k5_e3"] = 1000.0;
    try {
        LatencyTable::fromJson(bad, "x.lut.json");
        FAIL() << "a scale of 1000 was accepted";
    } catch (const DnasError& e) {
        EXPECT_NE(std::string(e.what()).find("x.lut.json"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("k5_e3"), std::string::npos) << e.what();
    }
}

TEST(LutCalibrator, RefusesTooFewOrNonPositiveTimings) {
    const SearchSpace s = calibrationSpace();
    const LatencyTable raw = measuredLut(s);
    const auto nets = LutChecker::randomArchitectures(s, 2, 1);
    EXPECT_THROW(LutCalibrator::fit(s, raw, {nets[0]}, {100.0}), DnasError);
    EXPECT_THROW(LutCalibrator::fit(s, raw, nets, {100.0, 0.0}), DnasError);
    EXPECT_THROW(LutCalibrator::fit(s, raw, nets, {100.0}), DnasError);
}

namespace {

// calibrate() with every whole net (and the anchor) "taking" its Truth time times `scale`: a
// fake clock that follows LutChecker::passOrder over calibrate's nets (seed 101). In every pass,
// what comes after the first ten nets takes `lateScale` times more (a spell through the step),
// in the first `spellSteps` timing steps over the nets; `retimes` as LutCalibrateOptions'.
std::optional<LutCalibrateResult> calibrateAt(const SearchSpace& s, const LatencyTable& lut,
                                              const Truth& truth, double scale,
                                              double lateScale = 1.0, size_t spellSteps = 2,
                                              int retimes = 1) {
    LutCalibrateOptions o;
    o.retimes = retimes;
    o.timing.warmup = 0;
    o.timing.repeats = o.timing.min_repeats = 5;
    o.timing.threads = 1;
    const auto nets = LutChecker::randomArchitectures(s, o.archs, o.seed);
    std::vector<double> us;
    for (const auto& a : nets)
        us.push_back(wholeNetUs(s, lut, a, truth));
    const double anchorUs = wholeNetUs(s, lut, LutAnchor::architectureFor(s), truth);
    const auto order = LutChecker::passOrder(nets.size(), true);
    auto reads = std::make_shared<size_t>(0);
    auto t = std::make_shared<double>(0.0);
    o.timing.clock = [reads, t, us, anchorUs, order, scale, lateScale, spellSteps] {
        const size_t i = (*reads)++;
        if (i % 2 == 0)
            return *t += 1.0;
        const size_t at = i / 10 % order.size();
        const size_t step = i / 10 / order.size() / LutCheckOptions::kDefaultPasses;
        const auto item = order[at];
        const double late = at > LutChecker::kAnchorEvery && step < spellSteps ? lateScale : 1.0;
        return *t += scale * late * 1e-6 * (item ? us.at(*item) : anchorUs);
    };
    return LutCalibrator::calibrate(s, lut, o);
}

// measuredLut(s) with its anchor stored as the Truth kShared times it, 1 thread, batch 1.
LatencyTable anchoredLut(const SearchSpace& s) {
    LatencyTable lut = measuredLut(s);
    const double anchorUs = wholeNetUs(s, lut, LutAnchor::architectureFor(s), kShared);
    lut.anchors[s.name] = LutAnchor::stamped(LutAnchor::architectureFor(s), anchorUs, 1, 1);
    return lut;
}

} // namespace

TEST(LutCalibrator, AMachineRunningSlowerDoesNotChangeTheFit) {
    const SearchSpace s = calibrationSpace();
    const LatencyTable lut = anchoredLut(s);
    const double anchorUs = lut.anchors.at(s.name).us;
    const auto same = calibrateAt(s, lut, kShared, 1.0);
    const auto slow = calibrateAt(s, lut, kShared, 1.3);
    ASSERT_TRUE(same && slow);
    // Not exact: the fake clock's time is a sum of non-dyadic steps.
    EXPECT_NEAR(same->calibration.drift, 1.0, 1e-6);
    EXPECT_NEAR(slow->calibration.drift, 1.3, 1e-6);
    EXPECT_FALSE(slow->anchor); // the stored anchor stays the reference
    for (const auto& [op, scale] : same->calibration.op_scale) {
        EXPECT_NEAR(scale, kShared.scale.at(op), 0.01) << op;
        EXPECT_NEAR(slow->calibration.op_scale.at(op), scale, 1e-6) << op;
    }
    EXPECT_NEAR(slow->calibration.per_block_us, same->calibration.per_block_us, 1e-6);
    EXPECT_NEAR(slow->calibration.after_median_rel_err, same->calibration.after_median_rel_err,
                1e-6);
    // The nets the fit used, at the anchor's speed.
    ASSERT_EQ(slow->timed.rows.size(), same->timed.rows.size());
    for (size_t i = 0; i < slow->timed.rows.size(); ++i)
        EXPECT_NEAR(slow->timed.rows[i].measured_us, same->timed.rows[i].measured_us, 1e-6);
    EXPECT_NEAR(slow->timed.drift.factor, 1.3, 1e-6);

    // The same slowdown without an anchor goes into the table: its scale is 1.3x as large.
    LatencyTable bare = lut;
    bare.anchors.clear();
    const auto folded = calibrateAt(s, bare, kShared, 1.3);
    ASSERT_TRUE(folded);
    EXPECT_GT(folded->calibration.op_scale.at("k3_e1"), 1.15 * 1.25);
    EXPECT_DOUBLE_EQ(folded->calibration.drift, 1.0);
    // ... and the anchor timed now becomes the table's reference.
    ASSERT_TRUE(folded->anchor);
    EXPECT_NEAR(folded->anchor->us, 1.3 * anchorUs, 1e-3);
    EXPECT_EQ(folded->anchor->arch, LutAnchor::architectureFor(s));
    EXPECT_EQ(folded->anchor->threads, 1);
}

TEST(LutCalibrator, ASpellThroughTheStepIsCalledBusy) {
    const SearchSpace s = calibrationSpace();
    const LatencyTable lut = anchoredLut(s);
    const auto calm = calibrateAt(s, lut, kShared, 1.3);
    ASSERT_TRUE(calm);
    EXPECT_FALSE(LutCalibrator::busy(calm->calibration)); // a uniform slowdown is drift
    // Three of the four anchor timings of each pass (and 20 of the 30 nets) 1.6x slower.
    const auto spell = calibrateAt(s, lut, kShared, 1.0, 1.6);
    ASSERT_TRUE(spell);
    ASSERT_EQ(spell->timed.drift.anchor_us.size(), 4u * LutCheckOptions::kDefaultPasses);
    EXPECT_NEAR(spell->timed.drift.factor, 1.0, 1e-6); // the fastest: the spell is not a drift
    // The spell's nets keep it in their lowest timing: no one scale fits both kinds.
    EXPECT_GT(spell->calibration.after_median_rel_err, LutCalibrator::kBusyFitError);
    EXPECT_TRUE(LutCalibrator::busy(spell->calibration));
    EXPECT_EQ(spell->steps, 2); // timed again, and busy again: it lasted through both steps
}

TEST(LutCalibrator, ABusyStepIsTimedAgainAndEachNetKeepsItsFastest) {
    const SearchSpace s = calibrationSpace();
    const LatencyTable lut = anchoredLut(s);
    const auto calm = calibrateAt(s, lut, kShared, 1.0);
    ASSERT_TRUE(calm);
    EXPECT_EQ(calm->steps, 1); // a calm fit is not timed twice
    // The spell in the first step only: the second step's timings replace its slow ones.
    const auto passed = calibrateAt(s, lut, kShared, 1.0, 1.6, 1);
    ASSERT_TRUE(passed);
    EXPECT_EQ(passed->steps, 2);
    EXPECT_FALSE(LutCalibrator::busy(passed->calibration));
    EXPECT_NEAR(passed->calibration.after_median_rel_err, calm->calibration.after_median_rel_err,
                1e-6);
    for (size_t i = 0; i < calm->timed.rows.size(); ++i)
        EXPECT_NEAR(passed->timed.rows[i].measured_us, calm->timed.rows[i].measured_us, 1e-6);
    // Without a second step the spell stays.
    const auto once = calibrateAt(s, lut, kShared, 1.0, 1.6, 1, 0);
    ASSERT_TRUE(once);
    EXPECT_EQ(once->steps, 1);
    EXPECT_TRUE(LutCalibrator::busy(once->calibration));
}

TEST(LutCalibrator, DriftTravelsWithTheCalibrationAndABadOneIsNamed) {
    const SearchSpace s = calibrationSpace();
    LatencyTable t = measuredLut(s);
    LutCalibration c;
    c.op_scale = {{"k5_e3", 1.25}};
    c.drift = 1.17;
    t.calibrations[s.name] = c;
    EXPECT_DOUBLE_EQ(LatencyTable::fromJson(t.toJson(), "x.lut.json").calibrations.at(s.name).drift,
                     1.17);
    nlohmann::json old = t.toJson();
    old["calibrations"]["calib"].erase("drift"); // written before the anchor
    EXPECT_DOUBLE_EQ(LatencyTable::fromJson(old, "x.lut.json").calibrations.at(s.name).drift, 1.0);
    nlohmann::json bad = t.toJson();
    bad["calibrations"]["calib"]["drift"] = -1.0;
    try {
        LatencyTable::fromJson(bad, "x.lut.json");
        FAIL() << "a drift of -1 was accepted";
    } catch (const DnasError& e) {
        EXPECT_NE(std::string(e.what()).find("x.lut.json"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("drift"), std::string::npos) << e.what();
    }
}
