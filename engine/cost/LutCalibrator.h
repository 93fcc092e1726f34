// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/cost/LatencyTable.h"
#include "engine/cost/LutCalibration.h"
#include "engine/cost/LutChecker.h"
#include "engine/space/Architecture.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace dnas {

class SearchSpace;

struct LutCalibrateOptions {
    int archs = kDefaultCalibrationNets; // a scale and an overhead, many times over
    // Not LutCheckOptions' default seed (1), so `dnas lut check` judges nets the fit never saw.
    uint64_t seed = 101;
    TimingOptions timing;
    // Steps that time the same nets again while the fit stays busy (LutCalibrator::busy); each
    // net then counts at its fastest over the steps. `dnas lut calibrate` takes one (a spell of
    // load lasts seconds to a minute on this project's VM, about one fbnet-fmnist step); 0 here,
    // so callers whose progress bar counts one step's timings (ensureMachineLut, the LUT
    // editor) keep it whole.
    int retimes = 0;
};

struct LutCalibrateResult {
    LutCalibration calibration;
    // The whole nets the fit used, LUT sums uncalibrated, measured times divided by the drift
    // (at the speed of the LUT's anchor, what the fit saw); timed.drift as measured.
    LutCheckReport timed;
    // The table's new reference when it had none usable for the space (none stored, or stored
    // with other threads or batch): the anchor as timed beside these nets, to store with the
    // calibration. nullopt when the stored anchor was used (it stays the reference).
    std::optional<LutAnchor> anchor;
    int steps = 1; // timing steps over the nets: more than one when the first was busy
};

// Fits LutCalibration: times whole random nets of a space (LutChecker's protocol: two
// interleaved passes, the lower p50) and solves for one scale per op and one overhead per block
// by non-negative least squares on relative error, the measure the ±10 % band is stated in. A
// strong ridge, chosen by leave-one-out error, pulls every op's scale toward one shared scale,
// so in practice the fit is that scale plus the overhead: a monotone correction that keeps the
// LUT's ranking (see kRidgeGrid in the .cpp for the measurement behind that). A fit that
// predicts left-out nets no better than the blocks as measured is not taken (scales 1, no
// overhead). The LUT's anchor (LutAnchor) is timed between the nets and the whole-net timings
// are divided by its drift before the fit, so a calibration taken while the machine runs slower
// than when the blocks were measured does not fold that slowness into the table.
class LutCalibrator {
  public:
    // Median error a calibration leaves on its own nets above which the machine is taken to
    // have moved while they were timed: twelve calibrations on the idle 2-core VM fitted theirs
    // to 0.6-3.7 %, two beside other work to 5.7 and 7.3 % (bench/README.md). A spell that lasts
    // through the step stays in even the nets' lowest timings, where no one scale and overhead
    // fit them; the calibration is kept, the user told to take it again.
    static constexpr double kBusyFitError = 0.05;
    static bool busy(const LutCalibration& c) { return c.after_median_rel_err > kBusyFitError; }

    // nullopt when the progress callback cancels. Throws DnasError when the LUT lacks a
    // signature of the space (before any timing). A step the fit finds busy is timed again
    // (options.retimes), the progress callback then running from 0 once more.
    static std::optional<LutCalibrateResult> calibrate(const SearchSpace& space,
                                                       const LatencyTable& raw,
                                                       const LutCalibrateOptions& options = {},
                                                       const MeasureProgress& progress = {});

    // The fit alone, from given whole-net timings (µs, one per architecture). Throws DnasError
    // with fewer than two nets or a non-positive timing.
    static LutCalibration fit(const SearchSpace& space, const LatencyTable& raw,
                              const std::vector<Architecture>& archs,
                              const std::vector<double>& measuredUs);
};

} // namespace dnas
