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
    int archs = 20;       // random child nets to time
    uint64_t seed = 1;    // std::mt19937_64, so the same architectures on every platform
    TimingOptions timing; // the LUT measurement's protocol (batch, warm-up, repeats, p50)
};

struct LutCheckRow {
    Architecture arch;
    double lut_us = 0.0;      // LUT sum (LatencyTable::archCost)
    double measured_us = 0.0; // whole network, p50
    double rel_err = 0.0;     // |lut - measured| / measured
    TimingStats stats;
};

struct LutCheckReport {
    std::vector<LutCheckRow> rows;
    double mean_rel_err = 0.0, max_rel_err = 0.0;
    double mean_ratio = 0.0;  // mean of lut / measured: > 1 when the LUT over-estimates
    double kendall_tau = 0.0; // τ-b of LUT sums vs measured times (NaN when undefined)
    bool cancelled = false;
    nlohmann::json toJson() const;
};

// How well a LUT predicts whole networks on this machine: builds random child nets of a space,
// times each whole (same protocol as LutMeasurer), and compares with the LUT sum. The per-block
// sum misses what blocks share (caches, layout changes between them) and what a whole net adds,
// so the rank correlation matters more for the search than the absolute error.
class LutChecker {
  public:
    // Throws DnasError naming a signature the LUT lacks (before any timing). `progress` as in
    // LutMeasurer (per architecture).
    static LutCheckReport check(const SearchSpace& space, const LatencyTable& lut,
                                const LutCheckOptions& options = {},
                                const MeasureProgress& progress = {});

    // `count` architectures, each layer's op drawn uniformly from its candidates.
    static std::vector<Architecture> randomArchitectures(const SearchSpace& space, int count,
                                                         uint64_t seed);

    // Kendall's τ-b (ties in either list corrected), O(n²). NaN when a list is constant or the
    // sizes differ or n < 2.
    static double kendallTau(const std::vector<double>& a, const std::vector<double>& b);
};

} // namespace dnas
