// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <string>
#include <vector>

namespace dnas {

class SearchSpace;
class LatencyTable;
struct CostSpec;
struct Study;
struct SearchSettings;

// The cost of every (layer, candidate) under one cost model, plus the fixed parts, in the
// model's unit (latency µs, energy µJ, MACs in millions, params in thousands). Plain numbers so
// the GUI can use it too; the search turns it into tensors for the expected cost.
struct CostTable {
    std::string kind;
    std::string unit;
    double fixed = 0.0;
    std::vector<std::vector<double>> per_layer; // [layer][index in layer.candidates]

    // lut may be null for macs/params; throws DnasError naming a missing LUT signature.
    static CostTable build(const SearchSpace& space, const CostSpec& spec, const LatencyTable* lut);
    // A study's table, its LUT (when the cost model has one) read through LutCache::resolve: a
    // file, a built-in name or this machine's cached "auto" table, which is not measured here.
    static CostTable forStudy(const Study& study);
    double cost(const std::vector<int64_t>& choice) const;
    // Σ_l Σ_i p_{l,i}·cost_{l,i} + fixed, for a plain probability table.
    double expected(const std::vector<std::vector<double>>& probs) const;
    double uniformExpected() const;
    double minCost() const; // the cheapest architecture's cost
    double maxCost() const; // the dearest architecture's cost
    // The cost below which the share q (0 < q < 1) of uniformly random architectures lie: 0.15
    // is "faster than 85 % of the space", a target that means the same on any machine's LUT.
    // Estimated from a fixed, seeded draw, so the same table always gives the same cost.
    double quantile(double q) const;
    // The cost `s` steers to: its target, or, when that is 0, its target_quantile of this table;
    // 0 when neither is set. Here, not in SearchSettings, so the settings parser stays free of
    // the cost model (the fuzz build links the parsers alone).
    double targetOf(const SearchSettings& s) const;
};

} // namespace dnas
