// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/cost/LatencyTable.h"
#include "engine/cost/LutMeasurer.h"
#include "engine/cost/TimingProtocol.h"
#include "engine/space/Architecture.h"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

namespace dnas {

class SearchSpace;

struct LutCheckOptions {
    int archs = 20; // random child nets to time
    // These nets instead of random ones (a search's delivered nets, hand-picked ones).
    std::vector<Architecture> architectures;
    uint64_t seed = 1;    // std::mt19937_64, so the same architectures on every platform
    TimingOptions timing; // the LUT measurement's protocol (batch, warm-up, repeats, p50)
};

struct LutCheckRow {
    Architecture arch;
    double lut_us = 0.0; // LUT sum (LatencyTable::archCost)
    // Whole network, the lower of the two passes' p50s: load on a shared machine only ever adds
    // time, so the lower one is the better estimate of the unloaded network the LUT describes.
    double measured_us = 0.0;
    double rel_err = 0.0; // |lut - measured| / measured
    TimingStats stats;    // of the pass measured_us comes from
    // p50 of each pass (see LutChecker::check); second_us is 0 when a cancel came first.
    double first_us = 0.0, second_us = 0.0;
};

struct LutCheckReport {
    std::vector<LutCheckRow> rows;
    double mean_rel_err = 0.0, max_rel_err = 0.0;
    double mean_ratio = 0.0;  // mean of lut / measured: > 1 when the LUT over-estimates
    double kendall_tau = 0.0; // τ-b of LUT sums vs measured times (NaN when undefined)
    // Share of rows with rel_err <= LutChecker::kWithinBand; median and p90 of rel_err with
    // linear interpolation between order statistics (TimingProtocol::percentile, numpy's
    // default). NaN without rows.
    double share_within_10pct = 0.0, median_rel_err = 0.0, p90_rel_err = 0.0;
    // Median over rows timed twice of |first - second| / min(first, second): how far two timings
    // of the same net differ here, the error below which a LUT cannot be judged. NaN without such
    // rows.
    double noise_floor = 0.0;
    // Indices into rows of the kWorstCount largest rel_err, largest first (ties: lower index).
    std::vector<size_t> worst;
    bool cancelled = false;
    nlohmann::json toJson() const;
};

// How well a LUT predicts whole networks on this machine: builds random child nets of a space,
// times each whole (same protocol as LutMeasurer), and compares with the LUT sum. The per-block
// sum misses what blocks share (caches, layout changes between them) and what a whole net adds,
// so the rank correlation matters more for the search than the absolute error.
class LutChecker {
  public:
    // The band (#21): a LUT that predicts within ±10 % is good enough to rank nets by.
    static constexpr double kWithinBand = 0.10;
    // Worst architectures listed: enough to spot a pattern (one op, one shape), short to print.
    static constexpr size_t kWorstCount = 5;

    // Throws DnasError naming a signature the LUT lacks (before any timing). `progress` as in
    // LutMeasurer (per timing: 2 × archs steps). Every net is timed in two interleaved passes,
    // A over all nets and then B over all nets, so one burst of load cannot land on both timings
    // of one net; that doubles the timing cost of a check.
    static LutCheckReport check(const SearchSpace& space, const LatencyTable& lut,
                                const LutCheckOptions& options = {},
                                const MeasureProgress& progress = {});

    // Every statistic of a report from its rows alone (lut_us, measured_us, rel_err, first_us,
    // second_us); `cancelled` is left false.
    static LutCheckReport summarize(std::vector<LutCheckRow> rows);

    // `count` architectures, each layer's op drawn uniformly from its candidates.
    static std::vector<Architecture> randomArchitectures(const SearchSpace& space, int count,
                                                         uint64_t seed);

    // Kendall's τ-b (ties in either list corrected), O(n²). NaN when a list is constant or the
    // sizes differ or n < 2.
    static double kendallTau(const std::vector<double>& a, const std::vector<double>& b);
};

} // namespace dnas
