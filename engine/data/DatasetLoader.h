// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/data/Dataset.h"
#include "engine/data/DatasetSpec.h"

#include <string>

namespace dnas {

// The factory behind DatasetSpec: reads whatever kind it names (or detects) into memory.
class DatasetLoader {
  public:
    static DatasetPair load(const DatasetSpec& spec);

    // Whether a horizontal flip preserves the class: true for natural images; IDX data may be
    // digits (a flipped 2 is no 2), so only Fashion-MNIST, whose clothes are symmetric, says yes.
    static bool flipIsSensible(const DatasetSpec& spec, const Dataset& data);

    // Name for Normalizer::known, or "" when no published constants apply (image folders):
    // compute the statistics then.
    static std::string knownStatsName(const DatasetSpec& spec, const Dataset& data);
};

} // namespace dnas
