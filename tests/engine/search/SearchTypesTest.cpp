// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/search/SearchTypes.h"
#include "engine/search/SearchTypesJson.h"
#include "engine/util/DnasError.h"

#include <gtest/gtest.h>

using namespace dnas;

namespace {
SampledArchitecture point(const char* arch, double acc, double cost) {
    SampledArchitecture a;
    a.arch = arch;
    a.ops = {arch};
    a.accuracy = acc;
    a.cost = cost;
    return a;
}
} // namespace

TEST(Pareto, FrontIsTheNonDominatedSet) {
    std::vector<SampledArchitecture> pts = {point("a", 0.90, 100), point("b", 0.85, 50),
                                            point("c", 0.80, 60), // dominated by b
                                            point("d", 0.92, 200), point("e", 0.90, 150)};
    markPareto(pts);
    EXPECT_TRUE(pts[0].pareto);
    EXPECT_TRUE(pts[1].pareto);
    EXPECT_FALSE(pts[2].pareto);
    EXPECT_TRUE(pts[3].pareto);
    EXPECT_FALSE(pts[4].pareto); // same accuracy as a at a higher cost
    // Brute force: a point is on the front iff nothing is at least as good on both and better
    // on one.
    for (size_t i = 0; i < pts.size(); ++i) {
        bool dominated = false;
        for (size_t j = 0; j < pts.size(); ++j)
            dominated |= j != i && pts[j].accuracy >= pts[i].accuracy &&
                         pts[j].cost <= pts[i].cost &&
                         (pts[j].accuracy > pts[i].accuracy || pts[j].cost < pts[i].cost);
        EXPECT_EQ(pts[i].pareto, !dominated) << pts[i].arch;
    }
}

TEST(SearchTypesJson, RoundTrips) {
    StepMetrics m;
    m.epoch = 2;
    m.step = 7;
    m.phase = StepPhase::Theta;
    m.loss = 1.25;
    const StepMetrics back = stepFromJson(toJson(m), "metrics.jsonl");
    EXPECT_EQ(back.epoch, 2);
    EXPECT_EQ(back.phase, StepPhase::Theta);
    EXPECT_DOUBLE_EQ(back.loss, 1.25);
    SampleSet s;
    s.epoch = 3;
    s.samples = {point("k3_e1-skip", 0.5, 10)};
    const SampleSet sb = sampleSetFromJson(toJson(s), "samples.jsonl");
    ASSERT_EQ(sb.samples.size(), 1u);
    EXPECT_EQ(sb.samples[0].ops, (std::vector<std::string>{"k3_e1", "skip"}));
    EXPECT_THROW(stepFromJson({{"epoch", 1}}, "m"), std::exception);
}

TEST(SearchTypesJson, GlobalStepOutOfRangeIsAnError) {
    // Converting 1e300 to int64 is undefined behaviour: it must be refused, not converted.
    StepMetrics m;
    for (double bad : {1e300, -1.0, 1e19}) {
        nlohmann::json j = toJson(m);
        j["global_step"] = bad;
        try {
            stepFromJson(j, "metrics.jsonl");
            ADD_FAILURE() << bad;
        } catch (const DnasError& e) {
            EXPECT_NE(std::string(e.what()).find("metrics.jsonl: global_step: out of range"),
                      std::string::npos)
                << e.what();
        }
    }
}

// metrics.jsonl spells the phase as a word; each reads back as itself, and another word is an
// error naming the file and the field.
TEST(SearchTypesJson, PhaseIsAWordInTheFile) {
    for (StepPhase p : {StepPhase::Warmup, StepPhase::Weights, StepPhase::Theta}) {
        StepMetrics m;
        m.phase = p;
        const nlohmann::json j = toJson(m);
        EXPECT_EQ(j["phase"], toString(p));
        EXPECT_EQ(stepFromJson(j, "metrics.jsonl").phase, p) << toString(p);
    }
    EXPECT_STREQ(toString(StepPhase::Warmup), "warmup");
    nlohmann::json j = toJson(StepMetrics{});
    j["phase"] = "eval";
    try {
        stepFromJson(j, "metrics.jsonl");
        ADD_FAILURE() << "eval accepted";
    } catch (const DnasError& e) {
        EXPECT_EQ(std::string(e.what()), "metrics.jsonl: phase: unknown phase \"eval\"");
    }
}
