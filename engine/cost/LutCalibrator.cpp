// SPDX-License-Identifier: GPL-3.0-or-later
#include <ATen/Parallel.h>

#include "engine/cost/LutCalibrator.h"
#include "engine/cost/LutFitter.h"
#include "engine/space/SearchSpace.h"
#include "engine/util/DnasError.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace dnas {

namespace {

// Ridges tried on each op's deviation from the scale shared by all ops, relative to the mean
// diagonal of AᵀA. Only strong ones: per-op scales fitted to 30 nets of one timing session
// lowered that session's error but not the next one's, and broke the ranking (fbnet-fmnist,
// Kendall τ 0.77 → 0.49 on 50 other nets), while one shared scale and an overhead per block
// leave the LUT's ranking as it is and fix its level.
constexpr double kRidgeGrid[] = {100.0, 1e4};
// On the two halves of the overhead and on the shared scale (toward 1): only enough to keep
// the normal equations definite.
constexpr double kTinyRidge = 1e-10;

// Rows of the relative least-squares problem: per net, [its op sums..., L, −L] / y and the
// target (y − fixed parts) / y. The overhead is split into a positive and a negative part so
// that non-negative least squares (scales ≥ 0: a block cannot cost less than nothing) leaves
// its sign free.
struct Problem {
    std::vector<std::vector<double>> rows;
    std::vector<double> targets;
};

// Unknowns [per-op scales..., shared scale g, overhead+, overhead−]: min Σ_rows (a·x − t)² +
// λ·m·Σ_ops (s_o − g)² over x ≥ 0, all rows but `skip` (none: -1). The shared scale appears only
// in the penalty: it is what the ops are pulled toward, and with a large λ every op takes it.
std::vector<double> solve(const Problem& p, size_t ops, double lambda, long skip) {
    const size_t k = ops + 3, g = ops;
    auto column = [&](size_t dataCol) { return dataCol < ops ? dataCol : dataCol + 1; };
    std::vector<double> G(k * k, 0.0), h(k, 0.0);
    for (size_t i = 0; i < p.rows.size(); ++i) {
        if (long(i) == skip)
            continue;
        const auto& a = p.rows[i];
        for (size_t r = 0; r < a.size(); ++r) {
            h[column(r)] += a[r] * p.targets[i];
            for (size_t c = 0; c < a.size(); ++c)
                G[column(r) * k + column(c)] += a[r] * a[c];
        }
    }
    double mean = 0.0;
    for (size_t r = 0; r < k; ++r)
        mean += G[r * k + r] / double(k);
    mean = std::max(mean, 1e-12);
    const double pull = lambda * mean;
    for (size_t o = 0; o < ops; ++o) {
        G[o * k + o] += pull;
        G[g * k + g] += pull;
        G[o * k + g] -= pull;
        G[g * k + o] -= pull;
    }
    for (size_t r : {g, k - 2, k - 1})
        G[r * k + r] += kTinyRidge * mean;
    h[g] += kTinyRidge * mean; // toward 1, so a space with no op columns still solves
    double hmax = 0.0;
    for (double v : h)
        hmax = std::max(hmax, std::abs(v));
    return LutFitter::nnls(G, h, k, 1e-13 * std::max(hmax, 1e-300));
}

// Relative error of row i with solution x (from solve()).
double miss(const Problem& p, size_t ops, const std::vector<double>& x, size_t i) {
    const auto& a = p.rows[i];
    double m = -p.targets[i];
    for (size_t c = 0; c < ops; ++c)
        m += a[c] * x[c];
    return m + a[ops] * x[ops + 1] + a[ops + 1] * x[ops + 2];
}

struct Design {
    std::vector<std::string> ops;            // one unknown scale each, then the overhead
    std::vector<std::vector<double>> opSums; // per net: Σ of its block cells per op (µs)
    std::vector<double> rawUs;               // per net: LUT sum, fixed parts included
    std::vector<double> blocks;              // per net: searchable layers
};

Design design(const SearchSpace& space, const LatencyTable& raw,
              const std::vector<Architecture>& archs) {
    Design d;
    std::vector<std::map<std::string, double>> sums;
    std::map<std::string, bool> used;
    for (const auto& arch : archs) {
        const SearchSpace applied = arch.applyTo(space);
        const auto shapes = applied.layerShapes();
        std::map<std::string, double> perOp;
        for (size_t i = 0; i < shapes.size(); ++i) {
            const auto& s = shapes[i];
            const double cell =
                raw.value({arch.ops[i], s.c_in, s.c_out, s.h, s.w, s.stride}, CostMetric::Latency);
            perOp[arch.ops[i]] += cell;
            used[arch.ops[i]] = used[arch.ops[i]] || cell > 0.0;
        }
        sums.push_back(std::move(perOp));
        d.rawUs.push_back(raw.archCost(space, arch, CostMetric::Latency));
        d.blocks.push_back(static_cast<double>(shapes.size()));
    }
    for (const auto& [op, nonzero] : used)
        if (nonzero)
            d.ops.push_back(op);
    for (const auto& perOp : sums) {
        std::vector<double> row;
        for (const auto& op : d.ops) {
            const auto it = perOp.find(op);
            row.push_back(it == perOp.end() ? 0.0 : it->second);
        }
        d.opSums.push_back(std::move(row));
    }
    return d;
}

LutCheckReport compare(const std::vector<Architecture>& archs, const std::vector<double>& lutUs,
                       const std::vector<double>& measuredUs) {
    std::vector<LutCheckRow> rows;
    for (size_t i = 0; i < archs.size(); ++i) {
        LutCheckRow r;
        r.arch = archs[i];
        r.lut_us = lutUs[i];
        r.measured_us = measuredUs[i];
        r.rel_err = std::abs(r.lut_us - r.measured_us) / r.measured_us;
        rows.push_back(std::move(r));
    }
    return LutChecker::summarize(std::move(rows));
}

} // namespace

LutCalibration LutCalibrator::fit(const SearchSpace& space, const LatencyTable& raw,
                                  const std::vector<Architecture>& archs,
                                  const std::vector<double>& measuredUs) {
    if (archs.size() != measuredUs.size())
        throw DnasError("", "timings", "one timing per architecture expected");
    if (archs.size() < 2)
        throw DnasError("", "archs", "a calibration needs at least 2 timed networks");
    for (double y : measuredUs)
        if (!(y > 0.0) || !std::isfinite(y))
            throw DnasError("", "timings", "a whole-network timing is not positive");
    const Design d = design(space, raw, archs);
    const size_t n = archs.size(), ops = d.ops.size();
    Problem p;
    for (size_t i = 0; i < n; ++i) {
        const double y = measuredUs[i];
        double blockSum = 0.0;
        std::vector<double> row;
        for (size_t j = 0; j < ops; ++j) {
            row.push_back(d.opSums[i][j] / y);
            blockSum += d.opSums[i][j];
        }
        row.push_back(d.blocks[i] / y);
        row.push_back(-d.blocks[i] / y);
        p.rows.push_back(std::move(row));
        p.targets.push_back((y - (d.rawUs[i] - blockSum)) / y);
    }
    // The ridge is chosen by leave-one-out error: timings that support a scale per op get one,
    // others little more than one shared scale and the overhead. A correction that predicts
    // left-out nets no better than the measured blocks themselves is not taken.
    double rawLoss = 0.0;
    for (size_t i = 0; i < n; ++i) {
        double m = -p.targets[i];
        for (size_t c = 0; c < ops; ++c)
            m += p.rows[i][c];
        rawLoss += m * m;
    }
    double bestLambda = kRidgeGrid[0], bestLoo = std::numeric_limits<double>::infinity();
    if (n > 2)
        for (double lambda : kRidgeGrid) {
            double loo = 0.0;
            for (size_t i = 0; i < n; ++i) {
                const double m = miss(p, ops, solve(p, ops, lambda, long(i)), i);
                loo += m * m;
            }
            if (loo < bestLoo) {
                bestLoo = loo;
                bestLambda = lambda;
            }
        }
    std::vector<double> x = solve(p, ops, bestLambda, -1);
    if (n > 2 && bestLoo >= rawLoss) {
        x.assign(ops + 3, 0.0);
        std::fill(x.begin(), x.begin() + long(ops), 1.0);
    }

    LutCalibration c;
    for (size_t j = 0; j < ops; ++j)
        c.op_scale[d.ops[j]] =
            std::clamp(x[j], LutCalibration::kMinScale, LutCalibration::kMaxScale);
    c.per_block_us = x[ops + 1] - x[ops + 2];
    c.networks = static_cast<int>(n);

    LatencyTable withFit = raw;
    withFit.calibrations[space.name] = c;
    const LatencyTable calibrated = withFit.calibratedFor(space);
    std::vector<double> after;
    for (const auto& arch : archs)
        after.push_back(calibrated.archCost(space, arch, CostMetric::Latency));
    const LutCheckReport b = compare(archs, d.rawUs, measuredUs);
    const LutCheckReport f = compare(archs, after, measuredUs);
    c.before_median_rel_err = b.median_rel_err;
    c.before_share_within_10pct = b.share_within_10pct;
    c.after_median_rel_err = f.median_rel_err;
    c.after_share_within_10pct = f.share_within_10pct;
    return c;
}

namespace {

// The calibration from one or two timing steps over the same nets: every step's timings divided
// by its drift (with no stored anchor the reference is the fastest anchor timing of all steps),
// each net at its fastest over the steps, as within a step (load only adds time).
LutCalibrateResult fitSteps(const SearchSpace& space, const LatencyTable& uncalibrated,
                            std::vector<LutCheckReport> steps, int threads, int batch) {
    const bool stored = steps.front().drift.known();
    double reference = std::numeric_limits<double>::infinity();
    for (const auto& step : steps)
        reference = std::min(reference, step.drift.fastestUs());
    size_t fastest = 0; // the step the machine ran fastest in: its drift is reported
    std::vector<double> drifts;
    for (size_t k = 0; k < steps.size(); ++k) {
        const LutDrift& d = steps[k].drift;
        // Without a usable stored anchor, the machine now is the reference: drift 1 at its fastest.
        drifts.push_back(stored ? d.factor
                                : (std::isfinite(reference) ? d.fastestUs() / reference : 1.0));
        if (!(drifts[k] >= LutCalibration::kMinScale && drifts[k] <= LutCalibration::kMaxScale))
            throw DnasError(uncalibrated.source, "anchors." + space.name,
                            "the anchor net runs " + std::to_string(drifts[k]) +
                                "x its stored time: not a drift; measure the LUT again");
        if (drifts[k] < drifts[fastest])
            fastest = k;
    }
    std::vector<LutCheckRow> rows = std::move(steps.front().rows);
    for (size_t i = 0; i < rows.size(); ++i) {
        auto& r = rows[i];
        r.measured_us /= drifts[0];
        r.first_us /= drifts[0];
        r.second_us /= drifts[0];
        for (size_t k = 1; k < steps.size(); ++k)
            r.measured_us = std::min(r.measured_us, steps[k].rows.at(i).measured_us / drifts[k]);
        r.rel_err = std::abs(r.lut_us - r.measured_us) / r.measured_us;
    }
    std::vector<Architecture> archs;
    std::vector<double> measured;
    for (const auto& r : rows) {
        archs.push_back(r.arch);
        measured.push_back(r.measured_us);
    }
    LutCheckReport timed = LutChecker::summarize(std::move(rows));
    timed.drift = std::move(steps[fastest].drift);
    LutCalibrateResult result{LutCalibrator::fit(space, uncalibrated, archs, measured),
                              std::move(timed),
                              {},
                              static_cast<int>(steps.size())};
    result.calibration.threads = threads;
    result.calibration.batch = batch;
    result.calibration.drift = drifts[fastest];
    const LutDrift& d = result.timed.drift;
    if (!d.known() && std::isfinite(reference))
        result.anchor = LutAnchor::stamped(d.arch, reference, threads, batch);
    return result;
}

} // namespace

std::optional<LutCalibrateResult> LutCalibrator::calibrate(const SearchSpace& space,
                                                           const LatencyTable& raw,
                                                           const LutCalibrateOptions& options,
                                                           const MeasureProgress& progress) {
    LutCheckOptions check;
    check.archs = options.archs;
    check.seed = options.seed;
    check.timing = options.timing;
    check.anchor = LutAnchorTiming::Always; // a drift to divide by, or a reference to record
    // The raw entries: a calibration already stored for the space must not be fitted on top of.
    LatencyTable uncalibrated = raw;
    uncalibrated.calibrations.clear();
    const int threads = options.timing.threads > 0 ? options.timing.threads : at::get_num_threads();
    const size_t maxSteps = 1 + static_cast<size_t>(std::max(options.retimes, 0));
    std::vector<LutCheckReport> steps;
    while (true) {
        steps.push_back(LutChecker::check(space, uncalibrated, check, progress));
        if (steps.back().cancelled)
            return std::nullopt;
        LutCalibrateResult result =
            fitSteps(space, uncalibrated, steps, threads, options.timing.batch);
        if (!busy(result.calibration) || steps.size() == maxSteps)
            return result;
    }
}

} // namespace dnas
