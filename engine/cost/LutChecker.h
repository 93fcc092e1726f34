// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/cost/LatencyTable.h"
#include "engine/cost/LutMeasurer.h"
#include "engine/cost/TimingProtocol.h"
#include "engine/space/Architecture.h"

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

namespace dnas {

class JsonReader;
class SearchSpace;

// When a check times the LUT's anchor (LutAnchor) beside its nets.
enum class LutAnchorTiming {
    IfStored, // when the LUT holds one for the space at the check's threads and batch
    Always,   // also without one (a calibration records it as the table's reference)
};

struct LutCheckOptions {
    int archs = 20; // random child nets to time
    // These nets instead of random ones (a search's delivered nets, hand-picked ones).
    std::vector<Architecture> architectures;
    uint64_t seed = 1;    // std::mt19937_64, so the same architectures on every platform
    TimingOptions timing; // the LUT measurement's protocol (batch, warm-up, repeats, p50)
    LutAnchorTiming anchor = LutAnchorTiming::IfStored;
    // Two passes are the least that give the noise floor (LutChecker::check).
    static constexpr int kMinPasses = 2;
    // Eight, not two: on a noisy 2-core VM (fbnet-cifar, 1 thread, 100 nets, 2026-12-06) two
    // passes ranked the nets at τ 0.57-0.62 (retest τ 0.33-0.47), eight at 0.70-0.75 (retest
    // 0.75-0.78), for four times the timing (42 s -> 170 s); bench/README.md.
    static constexpr int kDefaultPasses = 8;
    // Passes over all nets, each net timed once per pass. More passes spread each net's timings
    // over the whole check, so a slow spell of a shared machine lands on one of several timings
    // of a net instead of one of two.
    int passes = kDefaultPasses;
};

// Why a check has, or lacks, a drift factor.
enum class LutDriftStatus {
    Measured,      // the stored anchor was timed again: factor is known
    NoAnchor,      // the LUT holds no anchor for the space (older LUTs, imported ones)
    OtherSettings, // the stored anchor was timed with other threads or batch
    OtherSpace,    // the stored anchor's net does not fit the space any more
};

// The machine's speed during a check against the speed the LUT was measured at (#21): the
// anchor net timed at the start of each pass, after every LutChecker::kAnchorEvery nets and at
// the end, against the anchor stored with the LUT.
struct LutDrift {
    LutDriftStatus status = LutDriftStatus::NoAnchor;
    Architecture arch;               // the anchor net (empty when none was timed)
    std::vector<double> anchor_us;   // p50 of each anchor timing, in the order timed
    std::optional<LutAnchor> stored; // the LUT's anchor for the space, if any
    // fastestUs() / stored->us: > 1 when the machine is slower now. NaN without status
    // Measured. (max − min) / min of anchor_us: how much the machine moved within the check.
    double factor = std::numeric_limits<double>::quiet_NaN();
    double spread = std::numeric_limits<double>::quiet_NaN();
    bool known() const { return status == LutDriftStatus::Measured; }
    // The machine's speed over the timings: the lowest of anchor_us, as a net's time is its
    // lowest pass (load only adds time). Not the median: on this 2-core VM the anchor's median
    // moved by up to 70 % between steps a few seconds apart (941 vs 550 µs, fbnet-fmnist, 1
    // thread) while its lowest stayed within 3 % over two days' runs (bench/README.md). NaN when
    // the anchor was not timed.
    double fastestUs() const;
    static const char* describe(LutDriftStatus s);
    nlohmann::json toJson() const;
    // What toJson() wrote (a check's saved drift, LutCheckRecord); extra keys ("corrected") are
    // the caller's. Errors name the file and the field (drift.factor, drift.anchor_us[2], ...).
    static LutDrift fromJson(const JsonReader& r);
};

struct LutCheckRow {
    Architecture arch;
    double lut_us = 0.0; // LUT sum (LatencyTable::archCost)
    // Whole network, the lowest p50 of all passes: load on a shared machine only ever adds
    // time, so the lowest is the best estimate of the unloaded network the LUT describes.
    double measured_us = 0.0;
    double rel_err = 0.0; // |lut - measured| / measured
    TimingStats stats;    // of the pass measured_us comes from
    // The lowest p50 of the odd passes (A, C, ...) and of the even ones (B, D, ...): two
    // independent timings of the net, each a half of the check (LutChecker::check); second_us is
    // 0 when a cancel came first.
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
    // of the same net (each from half of the passes) differ here, the error below which a LUT
    // cannot be judged. NaN without such rows.
    double noise_floor = 0.0;
    // Kendall τ-b between first_us and second_us of the rows timed twice: how well this machine,
    // with half of the check's passes, ranks the nets against itself. The LUT is judged against
    // the lowest of all passes, which beats this by what the other half's timings remove; a check
    // whose nets lie closer together than the noise floor shows it here first. NaN with fewer
    // than two such rows or no ranking.
    double retest_tau = 0.0;
    // Indices into rows of the kWorstCount largest rel_err, largest first (ties: lower index).
    std::vector<size_t> worst;
    bool cancelled = false;
    LutDrift drift;
    // The statistics with every LUT sum multiplied by drift.factor: the table's error at the
    // speed the machine had during the check (Kendall τ is unchanged by a common factor). A
    // copy of this report when the drift is not known. `drift` is kept.
    LutCheckReport driftCorrected() const;
    // The drift (LutDrift::toJson) and, when its factor is known, "corrected": the statistics
    // of driftCorrected(). The "drift" block of toJson().
    nlohmann::json driftJson() const;
    // "drift" holds the anchor timings and, when the factor is known, "corrected" (the
    // statistics of driftCorrected()); the top-level statistics are as timed.
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
    // Nets between two anchor timings: 100 nets then cost 11 more timings a pass (~10 %), and a
    // drift within a pass of a few minutes is still followed.
    static constexpr size_t kAnchorEvery = 10;

    // Throws DnasError naming a signature the LUT lacks (before any timing). `progress` as in
    // LutMeasurer (per timing: passes × archs steps). Every net is timed in options.passes
    // interleaved passes, A over all nets, then B over all nets, and so on, so one burst of load
    // cannot land on every timing of one net; each pass adds a single pass's timing cost.
    static LutCheckReport check(const SearchSpace& space, const LatencyTable& lut,
                                const LutCheckOptions& options = {},
                                const MeasureProgress& progress = {});

    // What one pass times, in order: a net's index, or nullopt for the anchor (first, after every
    // kAnchorEvery nets that more nets follow, last). No anchor at all when `anchor` is false.
    static std::vector<std::optional<size_t>> passOrder(size_t nets, bool anchor);

    // One whole net timed with `protocol` at the protocol's batch, in eval mode without
    // autograd, channels-last (the same as check's nets and LutMeasurer's anchor).
    static TimingStats timeNetwork(const SearchSpace& space, const Architecture& arch,
                                   const TimingProtocol& protocol);

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
