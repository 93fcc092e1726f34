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
    int archs = kDefaultCalibrationNets; // pins down ~10 scales; cheap on small spaces
    // Not LutCheckOptions' default seed (1), so `dnas lut check` judges nets the fit never saw.
    uint64_t seed = 101;
    TimingOptions timing;
};

struct LutCalibrateResult {
    LutCalibration calibration;
    LutCheckReport timed; // the whole nets the fit used, LUT sums uncalibrated
};

// Fits LutCalibration: times whole random nets of a space (LutChecker's protocol: two
// interleaved passes, the lower p50) and solves for one scale per op and one overhead per block
// by non-negative least squares on relative error, the measure the ±10 % band is stated in. A
// ridge, its strength chosen by leave-one-out error, pulls each op's scale toward 1 (the block
// as timed): noisy timings then fit little more than the overhead, and an op that few nets use
// keeps its measured timing.
class LutCalibrator {
  public:
    // nullopt when the progress callback cancels. Throws DnasError when the LUT lacks a
    // signature of the space (before any timing).
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
