// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/search/CostTable.h"
#include "engine/cost/LatencyTable.h"
#include "engine/cost/LutCache.h"
#include "engine/cost/ModelCounter.h"
#include "engine/data/SeededRng.h"
#include "engine/search/Study.h"
#include "engine/space/Architecture.h"
#include "engine/space/SearchSpace.h"
#include "engine/util/DnasError.h"

#include <algorithm>
#include <optional>

namespace dnas {

namespace {
constexpr double kMega = 1e6; // MACs are reported in millions
constexpr double kKilo = 1e3; // params in thousands
// Draws behind quantile(): the 15th percentile's rank is then known to ±0.25 % of the space
// (binomial standard error), far inside a target's ±5 % tolerance, in ~2 ms.
constexpr int kQuantileDraws = 20000;
constexpr uint64_t kQuantileSeed = 0x51A7E; // fixed: one table, one quantile

double countValue(const OpCount& c, bool macs) {
    return macs ? static_cast<double>(c.macs) / kMega : static_cast<double>(c.params) / kKilo;
}
} // namespace

CostTable CostTable::build(const SearchSpace& space, const CostSpec& spec,
                           const LatencyTable* lut) {
    CostTable t;
    t.kind = spec.kind;
    t.unit = spec.unit();
    const auto shapes = space.layerShapes();
    if (spec.usesLut()) {
        if (!lut)
            throw DnasError("", "cost.lut", "a " + spec.kind + " cost needs a LUT");
        const CostMetric metric = spec.kind == "energy" ? CostMetric::Energy : CostMetric::Latency;
        // The space's calibration, when the LUT carries one, is what whole nets cost here.
        const LatencyTable calibrated = lut->calibratedFor(space);
        t.fixed = calibrated.fixedCost(space, metric);
        for (size_t l = 0; l < space.layers.size(); ++l) {
            std::vector<double> row;
            for (const auto& op : space.layers[l].candidates)
                row.push_back(calibrated.value(blockSignature(space, l, op), metric));
            t.per_layer.push_back(std::move(row));
        }
        return t;
    }
    const bool macs = spec.kind == "macs";
    const NetCount fixedParts = ModelCounter::count(space, Architecture::uniform(space, "skip"));
    t.fixed = countValue(fixedParts.stem, macs) + countValue(fixedParts.head, macs) +
              countValue(fixedParts.fc, macs);
    for (size_t l = 0; l < space.layers.size(); ++l) {
        std::vector<double> row;
        for (const auto& op : space.layers[l].candidates)
            row.push_back(
                countValue(ModelCounter::block(space.op(op), shapes[l], space.always_pw), macs));
        t.per_layer.push_back(std::move(row));
    }
    return t;
}

CostTable CostTable::forStudy(const Study& study) {
    std::optional<LatencyTable> lut;
    if (study.cost.usesLut())
        lut = LutCache::resolve(study.cost.lut);
    return build(study.space, study.cost, lut ? &*lut : nullptr);
}

double CostTable::cost(const std::vector<int64_t>& choice) const {
    double total = fixed;
    for (size_t l = 0; l < per_layer.size() && l < choice.size(); ++l)
        total += per_layer[l].at(static_cast<size_t>(choice[l]));
    return total;
}

double CostTable::expected(const std::vector<std::vector<double>>& probs) const {
    double total = fixed;
    for (size_t l = 0; l < per_layer.size() && l < probs.size(); ++l)
        for (size_t i = 0; i < per_layer[l].size() && i < probs[l].size(); ++i)
            total += probs[l][i] * per_layer[l][i];
    return total;
}

double CostTable::uniformExpected() const {
    double total = fixed;
    for (const auto& row : per_layer) {
        double s = 0.0;
        for (double c : row)
            s += c;
        if (!row.empty())
            total += s / static_cast<double>(row.size());
    }
    return total;
}

double CostTable::minCost() const {
    double total = fixed;
    for (const auto& row : per_layer)
        if (!row.empty())
            total += *std::min_element(row.begin(), row.end());
    return total;
}

double CostTable::maxCost() const {
    double total = fixed;
    for (const auto& row : per_layer)
        if (!row.empty())
            total += *std::max_element(row.begin(), row.end());
    return total;
}

double CostTable::quantile(double q) const {
    SeededRng rng(kQuantileSeed);
    std::vector<double> costs(kQuantileDraws, fixed);
    for (double& c : costs)
        for (const auto& row : per_layer)
            if (!row.empty())
                c += row[rng.below(row.size())];
    const auto rank = static_cast<size_t>(std::clamp(q, 0.0, 1.0) * (costs.size() - 1));
    std::nth_element(costs.begin(), costs.begin() + static_cast<std::ptrdiff_t>(rank), costs.end());
    return costs[rank];
}

double CostTable::targetOf(const SearchSettings& s) const {
    if (s.target > 0.0)
        return s.target;
    return s.target_quantile > 0.0 ? quantile(s.target_quantile) : 0.0;
}

} // namespace dnas
