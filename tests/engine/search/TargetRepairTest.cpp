// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/search/TargetRepair.h"
#include "engine/data/SeededRng.h"
#include "engine/search/CostTable.h"

#include "tests/support/ErrorOf.h"

#include <gtest/gtest.h>

using namespace dnas;

namespace {
CostTable table(std::vector<std::vector<double>> rows, double fixed = 10.0) {
    CostTable t;
    t.kind = "latency";
    t.unit = "us";
    t.fixed = fixed;
    t.per_layer = std::move(rows);
    return t;
}

std::vector<std::vector<double>> uniformProbs(const CostTable& t) {
    std::vector<std::vector<double>> p;
    for (const auto& row : t.per_layer)
        p.emplace_back(row.size(), 1.0 / row.size());
    return p;
}
} // namespace

TEST(TargetRepair, AnArchitectureInsideTheBandIsLeftAlone) {
    const CostTable t = table({{10, 20, 30}, {10, 20, 30}});
    const TargetRepair r(t, 50.0, 0.05);
    const auto out = r.repair({1, 1}, uniformProbs(t)); // 10 + 20 + 20 = 50
    EXPECT_EQ(out.choice, (std::vector<int64_t>{1, 1}));
    EXPECT_EQ(out.swaps, 0);
}

TEST(TargetRepair, GoingDownGivesUpTheLeastProbableLayer) {
    const CostTable t = table({{10, 30}, {10, 30}});
    // Layer 0 is sure of its dear op, layer 1 is not: the swap happens in layer 1.
    const std::vector<std::vector<double>> probs = {{0.01, 0.99}, {0.45, 0.55}};
    const auto out = TargetRepair(t, 50.0, 0.05).repair({1, 1}, probs); // 70 → 50
    EXPECT_EQ(out.choice, (std::vector<int64_t>{1, 0}));
    EXPECT_DOUBLE_EQ(out.cost, 50.0);
}

TEST(TargetRepair, GoingUpNeverCrossesTheTopOfTheBand) {
    const CostTable t = table({{10, 11, 100}, {10, 12, 14}});
    const TargetRepair r(t, 40.0, 0.05);
    const auto out = r.repair({0, 0}, uniformProbs(t)); // 30: nothing lands in 38..42
    EXPECT_LE(out.cost, r.high());
    EXPECT_DOUBLE_EQ(out.cost, 10.0 + 11.0 + 14.0); // as close from below as the space allows
}

// Random tables and starting points: whenever an architecture at or under the band exists, the
// result never ends above target + tolerance.
TEST(TargetRepair, NeverEndsAboveTheBandWhenTheSpaceReachesIt) {
    SeededRng rng(3);
    for (int trial = 0; trial < 300; ++trial) {
        std::vector<std::vector<double>> rows(2 + rng.below(8));
        for (auto& row : rows) {
            row.resize(2 + rng.below(8));
            for (double& c : row)
                c = 1.0 + static_cast<double>(rng.below(1000)) / 10.0;
        }
        const CostTable t = table(rows, static_cast<double>(rng.below(50)));
        const double target = t.minCost() + (t.maxCost() - t.minCost()) *
                                                static_cast<double>(rng.below(1000)) / 999.0;
        std::vector<int64_t> start;
        std::vector<std::vector<double>> probs;
        for (const auto& row : t.per_layer) {
            start.push_back(static_cast<int64_t>(rng.below(row.size())));
            std::vector<double> p(row.size());
            double sum = 0.0;
            for (double& v : p)
                sum += (v = 1.0 + static_cast<double>(rng.below(100)));
            for (double& v : p)
                v /= sum;
            probs.push_back(p);
        }
        const TargetRepair r(t, target, 0.05);
        r.check("trial");
        const auto out = r.repair(start, probs);
        EXPECT_LE(out.cost, r.high() + 1e-9) << "trial " << trial;
        EXPECT_NEAR(out.cost, t.cost(out.choice), 1e-9);
    }
}

TEST(TargetRepair, AnUnreachableTargetNamesTheTargetAndTheSpacesRange) {
    const CostTable t = table({{10, 20}, {10, 20}}); // 30 .. 50 us
    const std::string low =
        testsupport::errorOf([&] { TargetRepair(t, 20.0, 0.05).check("s.json"); });
    EXPECT_NE(low.find("s.json"), std::string::npos) << low;
    EXPECT_NE(low.find("settings.target"), std::string::npos) << low;
    EXPECT_NE(low.find("20.0 us"), std::string::npos) << low;
    EXPECT_NE(low.find("cheapest architecture (30.0)"), std::string::npos) << low;
    const std::string high =
        testsupport::errorOf([&] { TargetRepair(t, 90.0, 0.05).check("s.json"); });
    EXPECT_NE(high.find("dearest architecture (50.0)"), std::string::npos) << high;
    TargetRepair(t, 31.0, 0.05).check("s.json"); // 30 is inside 31 ± 5 %
}
