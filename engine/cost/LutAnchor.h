// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/space/Architecture.h"

#include <nlohmann/json.hpp>
#include <string>

namespace dnas {

class JsonReader;
class SearchSpace;

// A machine-speed reference stored with a LUT per space (#21): one fixed child net of the space,
// timed whole with the LUT's protocol when its blocks were measured. On the shared VM the same
// nets ran up to ~35 % slower in one process than in the next (bench/README.md, lut_accuracy);
// timing the anchor again beside a check or a calibration says how much of a difference is the
// machine (anchor now / anchor stored, LutDrift) and how much is the table.
struct LutAnchor {
    Architecture arch; // the net timed; LutAnchor::architectureFor(space) when recorded
    double us = 0.0;   // the lowest of the anchor's p50s over the measurement (LutDrift::fastestUs)
    int threads = 0;   // intra-op threads and batch it was timed with: another setting is
    int batch = 1;     // another speed, not a drift
    std::string when;  // UTC, ISO 8601, for the reader

    // The fixed net: each layer's middle candidate (index size / 2), a mid-sized net that uses
    // a bit of every layer and needs nothing but the space to rebuild.
    static Architecture architectureFor(const SearchSpace& space);
    // `arch` timed at `us` now, with `threads` and `batch`.
    static LutAnchor stamped(const Architecture& arch, double us, int threads, int batch);

    // Whether a timing with these settings measures the same thing (threads 0: unknown).
    bool comparable(int threadsNow, int batchNow) const {
        return threads == threadsNow && batch == batchNow;
    }

    nlohmann::json toJson() const;
    // Errors name the file and the field (anchors.<space>.us, ...).
    static LutAnchor fromJson(const JsonReader& r);
};

} // namespace dnas
