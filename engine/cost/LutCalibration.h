// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace dnas {

class JsonReader;
class LatencyTable;
class SearchSpace;

// What a block-by-block LUT misses of whole networks on one space, fitted from timed whole nets
// (LutCalibrator): each block's latency becomes op_scale[op] · measured + per_block_us. A block
// timed alone starts from cold caches and its own layout conversions, and a whole net adds a
// call's overhead per block; both differ by op (a depthwise 5×5 suffers more than a 1×1), so
// the correction is per op, plus one constant per block. The fixed parts (stem, head, pool, fc)
// stay as measured: they are the same in every net of a space, so their error is part of the
// constant. Latency only; energy cells are never changed.
struct LutCalibration {
    // A scale this far from 1 says the block timings are broken (another machine, a load
    // burst), not that the chain changes them: the fit clamps to it, a file outside is refused.
    static constexpr double kMinScale = 0.05, kMaxScale = 20.0;

    std::map<std::string, double> op_scale; // ops absent keep their measured value (scale 1)
    double per_block_us = 0.0;              // added to every block cell, clamped at 0 per cell
    int networks = 0;                       // whole nets timed for the fit
    int threads = 0, batch = 1;             // how they were timed
    // Anchor now / anchor stored while they were timed (LutDrift): their times were divided by
    // it before the fit. 1 when the calibration recorded the anchor itself.
    double drift = 1.0;
    // Fit quality on those networks, before and after the correction (LutChecker's statistics).
    double before_median_rel_err = 0.0, after_median_rel_err = 0.0;
    double before_share_within_10pct = 0.0, after_share_within_10pct = 0.0;

    // A block cell's latency after the correction.
    double apply(const std::string& op, double measuredUs) const;

    nlohmann::json toJson() const;
    // Errors name the file and the field (calibrations.<space>.op_scale.<op>, ...).
    static LutCalibration fromJson(const JsonReader& r);
};

} // namespace dnas
