// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/cost/LatencyTable.h"

#include <optional>
#include <string>

namespace dnas {

// The LUT measured on this machine, shared by every study whose cost.lut is "auto". It lives in
// $DNAS_CACHE_DIR, else $XDG_CACHE_HOME/dnas-studio, else ~/.cache/dnas-studio, as
// luts/<host>.v2.lut.json, and grows as spaces with new shapes are measured.
class LutCache {
  public:
    static constexpr const char* kAuto = "auto";
    static std::string path();
    static std::optional<LatencyTable> load();
    static void store(const LatencyTable& lut); // merges into what is cached, atomically
    // Sets (replaces) a space's calibration of the cached LUT, which must exist, and its anchor
    // when given (LutCalibrateResult::anchor: the calibration recorded a new reference).
    static void storeCalibration(const std::string& spaceName, const LutCalibration& c,
                                 const std::optional<LutAnchor>& anchor = std::nullopt);

    // Sets (replaces) a space's anchor of the cached LUT, which must exist (dnas lut anchor).
    static void storeAnchor(const std::string& spaceName, const LutAnchor& anchor);

    // "auto" → the cached machine LUT (throws DnasError saying to measure it when absent);
    // anything else → LatencyTable::load(ref).
    static LatencyTable resolve(const std::string& ref);
};

} // namespace dnas
