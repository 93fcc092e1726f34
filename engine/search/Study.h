// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/search/SearchSettings.h"
#include "engine/space/SearchSpace.h"
#include "engine/train/TrainSettings.h"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace dnas {

// Which cost the loss uses: a LUT's latency or energy, or MACs / params.
struct CostSpec {
    std::string kind = "latency"; // latency | energy | macs | params
    std::string lut;              // built-in name or path; needed for latency and energy
    // "auto" LUT: the one measured on this machine for the space (cached); see LutCache.
    bool usesLut() const { return kind == "latency" || kind == "energy"; }
    std::string unit() const; // us, uJ, MMAC, Kparams
    nlohmann::json toJson() const;
    static CostSpec fromJson(const nlohmann::json& j, const std::string& file);
};

// What the app saves ("dnas-study/1"): space, dataset, cost model, search and retraining
// settings, runs.
struct Study {
    std::string name = "study";
    std::string space_ref; // preset name or path; empty when the space is inline
    SearchSpace space;     // always resolved
    nlohmann::json dataset = nlohmann::json::object(); // engine/data's dataset description
    CostSpec cost;
    SearchSettings settings;
    TrainSettings train;           // retraining the found architecture (dnas train RUN)
    std::vector<std::string> runs; // run folders, relative to the study file or absolute
    std::string source;            // file it was read from

    nlohmann::json toJson() const;
    // requireValidSpace=false opens a study whose inline space does not validate (saved in the
    // middle of an edit), so that the space editor can flag what is wrong in place.
    static Study fromJson(const nlohmann::json& j, const std::string& file,
                          bool requireValidSpace = true);
    // nameOrPath: a shipped study (resources/studies/<name>.study.json) or a path.
    static Study load(const std::string& nameOrPath, bool requireValidSpace = true);
    void save(const std::string& path) const; // atomic
    static Study defaultStudy();              // resources/studies/fmnist.study.json
};

} // namespace dnas
