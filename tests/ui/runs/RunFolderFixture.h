// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Small run folders for the Runs panel's tests, written the way `dnas search` writes them
// (study.json, metrics/theta/samples.jsonl, final/summary.json) and `dnas train RUN` adds to
// them (final/train.json), from the synthetic reports of tests/ui/plots/PlotTestData.h.
#include "engine/search/SearchTypesJson.h"
#include "engine/search/Study.h"
#include "engine/util/JsonFile.h"
#include "tests/ui/plots/PlotTestData.h"

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace dnas::testsupport {

// Fashion-MNIST sized nets cost in milliseconds on the HW-NAS-Bench CIFAR tables, whose
// shapes the fbnet-cifar space has.
inline Study cifarStudy(int epochs = 4) {
    Study st;
    st.name = "cifar";
    st.space_ref = "fbnet-cifar";
    st.space = SearchSpace::load(st.space_ref);
    st.dataset = {{"kind", "idx"}, {"path", "/usr/share/datasets/fashion-mnist"}};
    st.cost.kind = "latency";
    st.cost.lut = "hw-nas-bench/pixel3-cifar100";
    st.settings.epochs = epochs;
    st.settings.warmup_epochs = 1;
    return st;
}

struct FakeRun {
    std::string dir;
    std::vector<EpochMetrics> epochs;
    std::vector<SampleSet> samples;
    SampledArchitecture delivered;
};

// A run folder at parent/name with `epochs` epochs of logs; finished: with final/summary.json.
inline FakeRun writeRun(const std::string& parent, const std::string& name, const Study& study,
                        unsigned seed, bool finished = true) {
    namespace fs = std::filesystem;
    FakeRun run;
    run.dir = (fs::path(parent) / name).string();
    fs::create_directories(run.dir);
    writeJsonFileAtomic(run.dir + "/study.json", study.toJson());
    const int epochs = study.settings.epochs;
    run.samples = test::makeSamples(study.space, 6 * epochs, epochs, seed);
    std::ofstream metrics(run.dir + "/metrics.jsonl", std::ios::binary);
    std::ofstream theta(run.dir + "/theta.jsonl", std::ios::binary);
    std::ofstream samples(run.dir + "/samples.jsonl", std::ios::binary);
    for (int e = 0; e < epochs; ++e) {
        EpochMetrics m = test::makeEpoch(study.space, e, seed);
        m.epochs = epochs;
        m.warmup = e < study.settings.warmup_epochs;
        m.expected_cost += 100.0 * seed; // runs differ
        for (const auto& s : test::makeSteps(e, 3))
            metrics << toJson(s).dump() << '\n';
        theta << thetaJson(m).dump() << '\n';
        metrics << toJson(m).dump() << '\n';
        samples << toJson(run.samples[static_cast<size_t>(e)]).dump() << '\n';
        run.epochs.push_back(m);
    }
    run.delivered = run.samples.back().samples.front();
    run.delivered.is_argmax = true;
    if (finished) {
        fs::create_directories(run.dir + "/final");
        writeJsonFileAtomic(run.dir + "/final/summary.json", {{"format", "dnas-search-summary/1"},
                                                              {"argmax", toJson(run.delivered)},
                                                              {"cost_unit", "us"},
                                                              {"epochs", epochs}});
    }
    return run;
}

// What `dnas train RUN` (sub "final") or `dnas sweep --retrain proxy` (sub "proxy") records.
inline void writeTrain(const std::string& dir, double testAccuracy,
                       const std::string& sub = "final") {
    std::filesystem::create_directories(dir + "/" + sub);
    writeJsonFileAtomic(dir + "/" + sub + "/train.json", {{"format", "dnas-train/1"},
                                                          {"test_accuracy", testAccuracy},
                                                          {"settings", {{"epochs", 2}}}});
}

} // namespace dnas::testsupport
