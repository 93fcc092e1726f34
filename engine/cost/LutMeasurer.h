// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/cost/LatencyTable.h"
#include "engine/cost/TimingProtocol.h"

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace dnas {

class SearchSpace;

// Whole nets timed to calibrate a LUT (#21's default M; a few seconds on fbnet-fmnist).
constexpr int kDefaultCalibrationNets = 30;
// Rounds over all blocks: one burst of load then reaches one round of a block, not all its
// timings. Two tables measured here with 10 rounds rank 100 nets alike at tau 0.99, with one
// round at 0.68 (bench/README.md, "Rounds"); 10 rounds take 7 s for fbnet-fmnist at 1 thread.
constexpr int kDefaultMeasureRounds = 10;

// Called before each signature is timed (done = timings finished so far, counting every round,
// `what` describes the next one) and once at the end (done == total, `what` empty). Return
// false to stop.
using MeasureProgress = std::function<bool(size_t done, size_t total, const std::string& what)>;

struct MeasureResult {
    LatencyTable table;     // what was measured (everything, unless cancelled)
    size_t measured = 0;    // signatures timed
    size_t requested = 0;   // distinct signatures asked for
    bool cancelled = false; // the progress callback returned false
    double seconds = 0.0;   // wall time of the whole measurement (real clock)
};

// Builds a LUT for this machine by timing every block alone, the way the model runs it on CPU:
// eval mode, no autograd, channels-last input and weights, batch 1 by default. stem / head
// (1x1 conv + BN + ReLU) / pool / fc use the fixed modules of nn/, ops use makeBlock with the
// space's always_pw. The blocks are timed in `rounds` rounds, each visiting every block once
// (odd rounds in reverse order, so a slow spell that grows or fades along a round does not
// favour one end); a block's latency_us is the lowest of its rounds' p50s, the statistic the
// whole-net check compares (LutChecker: the lowest p50 of its passes), and p10, p90, mean and
// the sample count are over all its timed runs. device records the machine (CPU, cores, threads,
// LibTorch, BLAS, batch). A measurement that is not cancelled also times the space's anchor net
// whole, between the blocks, and stores it in table.anchors (LutAnchor): the speed these blocks
// were timed at. Merging the result into a table that has an anchor goes through LutRebase, so the
// table keeps one time basis.
class LutMeasurer {
  public:
    // Throws DnasError for options TimingProtocol refuses or rounds < 1.
    explicit LutMeasurer(TimingOptions options = {}, int rounds = kDefaultMeasureRounds);

    // Every signature the space needs (LatencyTable::signaturesFor).
    MeasureResult measure(const SearchSpace& space, const MeasureProgress& progress = {}) const;
    // The given signatures, each distinct one once; op names resolve through the space.
    MeasureResult measure(const SearchSpace& space, const std::vector<OpSignature>& signatures,
                          const MeasureProgress& progress = {}) const;
    // Only what `have` lacks for the space.
    MeasureResult measureMissing(const SearchSpace& space, const LatencyTable& have,
                                 const MeasureProgress& progress = {}) const;

    // The space's anchor net (LutAnchor::architectureFor) alone, timed `timings` times with this
    // protocol and stamped now with their median; each timing's p50 into `timingsUs` when
    // given. For a table measured before anchors existed (dnas lut anchor): the anchor then
    // records today's speed as the table's, which holds only if the machine runs as fast as
    // when its blocks were timed. Throws DnasError for a space that does not validate.
    LutAnchor measureAnchor(const SearchSpace& space, int timings,
                            std::vector<double>* timingsUs = nullptr) const;

    // One signature (throws DnasError for an op the space does not know or a shape it cannot
    // build).
    TimingStats timeSignature(const SearchSpace& space, const OpSignature& sig) const;

    // The LUT's "device" and "provenance" objects for a measurement made now.
    nlohmann::json deviceJson() const;
    nlohmann::json provenanceJson() const;

    static std::string cpuModel(); // /proc/cpuinfo "model name", or "unknown"
    static std::string hostName();
    static std::string libtorchVersion();

    const TimingOptions& options() const { return options_; }
    int rounds() const { return rounds_; }

  private:
    TimingOptions options_;
    int rounds_;
};

// "Measured on first use, then cached" (docs/architecture.md §3) for studies whose cost.lut is
// "auto": loads LutCache, measures only the signatures of `space` it lacks, stores them, then,
// when `calibrationNets` > 0 and blocks were measured or the space has no calibration yet, times
// that many whole nets and stores the space's LutCalibration, and returns the full cached LUT.
// No calibration by default: on this project's 2-core VM a calibration timed in one process
// did not always carry over to the next (bench/README.md, lut_accuracy), so it is a step the
// user takes and checks (`dnas lut calibrate`, the LUT editor's Calibrate), not a silent one.
// Returns nullopt when the progress callback cancels; what was measured until then is stored, so
// the next call goes on from there.
std::optional<LatencyTable> ensureMachineLut(const SearchSpace& space,
                                             const MeasureProgress& progress = {},
                                             const TimingOptions& options = {},
                                             int calibrationNets = 0,
                                             int rounds = kDefaultMeasureRounds);

} // namespace dnas
