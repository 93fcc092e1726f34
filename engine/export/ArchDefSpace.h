// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/space/SearchSpace.h"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace dnas {

// A search space seeded from a mobile-vision arch_def (the reverse of ArchDef::write): every
// block becomes a searchable layer whose candidate list starts with that block's op, so the
// architecture family is the starting point of an edited space. Accepts what ArchDef::write
// writes, mobile-vision's own arch_defs (no "format", no "input_size": the model's input size
// is a setting there) and a registry of them ({"FBNet_a": {"blocks": ...}, ...}).
class ArchDefSpace {
  public:
    struct Options {
        // Added after each layer's own op, in this order, where they fit the layer (a grouped
        // op needs channels that divide by its groups); e.g. fbnetOpNames().
        std::vector<std::string> moreCandidates;
        int inputSize = 224; // used when the arch_def does not say (mobile-vision's default)
        std::string name;    // entry of a registry (empty: its only one); unused for one arch_def
    };

    // Throws DnasError naming the file and field for anything ArchDef::read refuses, for a
    // registry entry that is not there, and for an unknown extra candidate.
    static SearchSpace fromJson(const nlohmann::json& j, const std::string& file,
                                const Options& options);
    static SearchSpace load(const std::string& path, const Options& options);
    // The names of a registry's arch_defs; empty for a file that is one arch_def.
    static std::vector<std::string> entries(const nlohmann::json& j);
};

} // namespace dnas
