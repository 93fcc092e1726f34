// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/space/Architecture.h"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace dnas {

class SearchSpace;

struct TimingSample {
    Architecture arch;
    double latency_ms = 0.0;
    std::string where; // "line 12" or "measurements[11]", for messages
};

// Whole-network timings, the input of LutFitter. On disk (a "TIMINGS" file), either JSON
//   {"format": "dnas-timings/1" (optional), "space": "fbnet-cifar", "unit": "ms" | "us" | "s",
//    "measurements": [{"arch": "k3_e1-skip-...", "latency": 12.3},
//                     {"arch": [7, 8, 1, ...], "latency": 11.9}, ...]}
// ("unit" defaults to ms; an index list uses HW-NAS-Bench's op order k3_e1, k3_e1_g2, k3_e3,
// k3_e6, k5_e1, k5_e1_g2, k5_e3, k5_e6, skip), or CSV whose header names an `arch` column and a
// `latency_ms` or `latency_us` column (other columns ignored; '#' lines skipped; an arch cell is
// a canonical string or a quoted index list "[7,8,1,...]"). Every arch is checked against the
// space (op count, each op a candidate of its layer); errors name the file and the line or field.
struct Timings {
    std::string space; // as the file names it; empty when it does not say
    std::string file;
    std::vector<TimingSample> samples;

    // JSON when the first non-blank character is '{', else CSV.
    static Timings read(const std::string& path, const SearchSpace& space);
    static Timings fromJson(const nlohmann::json& doc, const std::string& file,
                            const SearchSpace& space);
    static Timings fromCsv(const std::string& text, const std::string& file,
                           const SearchSpace& space);
};

} // namespace dnas
