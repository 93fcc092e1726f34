// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace dnas {

struct CostTable;

// How a sweep retrains each delivered net: not at all, a short proxy recipe into RUN/proxy, or
// the study's recipe into RUN/final (docs/architecture.md §6, "Sweep folder").
enum class SweepRetrain { None, Proxy, Full };
const char* toString(SweepRetrain retrain); // "none", "proxy", "full"
// Throws DnasError naming `file` and `field` for anything else.
SweepRetrain sweepRetrainFromString(const std::string& text, const std::string& file,
                                    const std::string& field);

// One target of a sweep once searched (and retrained, when asked): a row of sweep.json's runs.
struct SweepTargetResult {
    double target = 0.0; // in the plan's unit
    std::string run;     // the run folder's name inside the sweep folder
    std::string arch;    // the delivered net
    double cost = 0.0;   // its cost, in the cost model's unit
    bool within = false; // inside the target's tolerance band
    std::optional<SweepRetrain> retrain;
    std::optional<double> test_accuracy; // 0..1, when retrained
};

// What a sweep searches: targets in the unit users think in (ms for latency, else the cost
// model's unit: MMAC, Kparams, uJ), one run folder per target, and how each delivered net is
// retrained. Plain values: the CLI and the app build one, engine/search/Sweeper runs it.
struct SweepPlan {
    static constexpr int kDefaultProxyEpochs =
        2; // enough to order nets of one space, ~1/10 of a recipe
    static constexpr const char* kSweepFile = "sweep.json";

    std::vector<double> targets; // in `unit`
    std::string unit;            // "ms" for latency, else the cost model's unit
    double to_cost = 1.0;        // multiplies a target into the cost model's unit
    SweepRetrain retrain = SweepRetrain::None;
    int proxy_epochs = kDefaultProxyEpochs;

    // "0.5,0.7,0.9": positive numbers; throws DnasError naming --targets otherwise.
    static std::vector<double> parseTargets(const std::string& text);
    // A plan for targets given in the unit users think in for `costs`.
    static SweepPlan forTargets(const CostTable& costs, std::vector<double> targets);
    // `count` targets spread geometrically over the space's cost range (cost ratios matter, not
    // differences), leaving out both ends: only one net sits at each end.
    static SweepPlan spread(const CostTable& costs, int count);
    // The space's cheapest and dearest cost in the plan's unit (what targets must lie within).
    static std::pair<double, double> range(const CostTable& costs);

    double targetCost(size_t i) const { return targets.at(i) * to_cost; }
    // "target-0.645ms": the run folder of target i inside the sweep folder.
    std::string folderName(size_t i) const;
    // Same targets, unit and retraining: a sweep folder written with `other` resumes this one.
    bool sameAs(const SweepPlan& other) const;

    // sweep.json (dnas-sweep/1): study, target_unit, targets, retrain, proxy_epochs, runs.
    nlohmann::json toJson(const std::string& studyName,
                          const std::vector<SweepTargetResult>& runs) const;
    // A plan back from sweep.json; throws DnasError naming `file` and the field.
    static SweepPlan fromJson(const nlohmann::json& j, const std::string& file);
};

} // namespace dnas
