// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/cost/LatencyTable.h"

#include <optional>
#include <string>
#include <vector>

namespace dnas {

// The settings a CPU timing depends on: what a LUT measured by dnas records in its "device"
// object (LutMeasurer::deviceJson), and what a run here deploys with. 0 / empty: not known.
struct MeasurementSettings {
    int threads = 0, batch = 0;
    std::string cpu, libtorch, blas;
};

// One setting that differs between a LUT and this run; `field` is the LUT's device key.
struct LutMismatch {
    std::string field;   // "threads", "batch", "cpu", "libtorch" or "blas"
    std::string message; // "LUT measured with 1 thread(s), this run uses 2"
};

// Whether a LUT measured here still describes this run (#21): a table measured with other
// threads, batch, CPU, LibTorch or BLAS predicts another machine, silently. Only tables measured
// by dnas are compared; imported and published ones (HW-NAS-Bench, NNI, CSV) describe another
// device on purpose, and fitted ones record no measurement settings.
class LutProvenance {
  public:
    // This process: `threads` (> 0) or LibTorch's current intra-op count, `batch`, and the
    // machine's CPU model, LibTorch version and BLAS.
    static MeasurementSettings current(int threads = 0, int batch = 1);
    // What the LUT recorded; nullopt for a table not measured by dnas. A setting the table does
    // not record (an older file) stays unknown.
    static std::optional<MeasurementSettings> recorded(const LatencyTable& lut);
    // Every known setting that differs, in the order threads, batch, cpu, libtorch, blas. Empty
    // for a table not measured by dnas. Pure: `now` is given, nothing is read from the machine.
    static std::vector<LutMismatch> mismatches(const LatencyTable& lut,
                                               const MeasurementSettings& now);
};

} // namespace dnas
