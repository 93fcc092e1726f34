// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/search/SweepPlan.h"

#include "engine/search/CostTable.h"
#include "engine/util/DnasError.h"
#include "engine/util/JsonFile.h"

#include <cmath>
#include <iomanip>
#include <sstream>

namespace dnas {

namespace {
constexpr double kMicrosecondsPerMs = 1000.0; // LUT latencies are in µs, targets given in ms
constexpr double kSameTarget = 1e-9; // relative: a target read back from JSON is the same one
constexpr int kFolderDecimals = 3;   // 0.645ms: finer than any LUT's precision
} // namespace

const char* toString(SweepRetrain retrain) {
    switch (retrain) {
    case SweepRetrain::None:
        return "none";
    case SweepRetrain::Proxy:
        return "proxy";
    case SweepRetrain::Full:
        return "full";
    }
    return "none";
}

SweepRetrain sweepRetrainFromString(const std::string& text, const std::string& file,
                                    const std::string& field) {
    for (SweepRetrain r : {SweepRetrain::None, SweepRetrain::Proxy, SweepRetrain::Full})
        if (text == toString(r))
            return r;
    throw DnasError(file, field, "\"" + text + "\": expected proxy or full");
}

std::vector<double> SweepPlan::parseTargets(const std::string& text) {
    std::vector<double> v;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        size_t used = 0;
        double value = 0;
        try {
            value = std::stod(item, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used != item.size() || !(value > 0) || !std::isfinite(value))
            throw DnasError("command line", "--targets",
                            "\"" + item + "\" is not a positive number (e.g. 0.4,0.6,0.8)");
        v.push_back(value);
    }
    if (v.empty())
        throw DnasError("command line", "--targets", "no target given");
    return v;
}

SweepPlan SweepPlan::forTargets(const CostTable& costs, std::vector<double> targets) {
    SweepPlan p;
    p.targets = std::move(targets);
    if (costs.kind == "latency") {
        p.unit = "ms";
        p.to_cost = kMicrosecondsPerMs;
    } else {
        p.unit = costs.unit;
    }
    return p;
}

SweepPlan SweepPlan::spread(const CostTable& costs, int count) {
    SweepPlan p = forTargets(costs, {});
    const double lo = costs.minCost(), hi = costs.maxCost();
    for (int i = 1; i <= count; ++i)
        p.targets.push_back(lo * std::pow(hi / lo, static_cast<double>(i) / (count + 1)) /
                            p.to_cost);
    return p;
}

std::pair<double, double> SweepPlan::range(const CostTable& costs) {
    const double toCost = forTargets(costs, {}).to_cost;
    return {costs.minCost() / toCost, costs.maxCost() / toCost};
}

std::string SweepPlan::folderName(size_t i) const {
    std::ostringstream s;
    s << "target-" << std::fixed << std::setprecision(kFolderDecimals) << targets.at(i) << unit;
    return s.str();
}

bool SweepPlan::sameAs(const SweepPlan& other) const {
    if (unit != other.unit || retrain != other.retrain || targets.size() != other.targets.size())
        return false;
    if (retrain == SweepRetrain::Proxy && proxy_epochs != other.proxy_epochs)
        return false;
    for (size_t i = 0; i < targets.size(); ++i)
        if (std::abs(targets[i] - other.targets[i]) > kSameTarget * std::abs(targets[i]))
            return false;
    return true;
}

nlohmann::json SweepPlan::toJson(const std::string& studyName,
                                 const std::vector<SweepTargetResult>& runs) const {
    nlohmann::json list = nlohmann::json::array();
    for (const SweepTargetResult& r : runs) {
        nlohmann::json entry = {{"target", r.target},
                                {"run", r.run},
                                {"arch", r.arch},
                                {"cost", r.cost},
                                {"within", r.within}};
        if (r.retrain)
            entry["retrain"] = toString(*r.retrain);
        if (r.test_accuracy)
            entry["test_accuracy"] = *r.test_accuracy;
        list.push_back(entry);
    }
    return {{"format", "dnas-sweep/1"},
            {"study", studyName},
            {"target_unit", unit},
            {"targets", targets},
            {"retrain", toString(retrain)},
            {"proxy_epochs", proxy_epochs},
            {"runs", list}};
}

SweepPlan SweepPlan::fromJson(const nlohmann::json& j, const std::string& file) {
    checkFormat(j, "dnas-sweep", file);
    SweepPlan p;
    try {
        p.unit = j.at("target_unit").get<std::string>();
        p.targets = j.at("targets").get<std::vector<double>>();
        p.proxy_epochs = j.value("proxy_epochs", kDefaultProxyEpochs);
    } catch (const nlohmann::json::exception& e) {
        throw DnasError(file, "targets", e.what());
    }
    p.retrain = sweepRetrainFromString(j.value("retrain", "none"), file, "retrain");
    p.to_cost = p.unit == "ms" ? kMicrosecondsPerMs : 1.0;
    return p;
}

} // namespace dnas
