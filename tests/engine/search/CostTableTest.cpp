// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/search/CostTable.h"
#include "engine/search/SearchSettings.h"

#include "tests/support/BellCostTable.h"

#include <gtest/gtest.h>

using namespace dnas;

// Three layers of three candidates: 27 nets, few enough to rank them all.
TEST(CostTable, QuantileIsTheShareOfRandomNetsBelowIt) {
    CostTable t;
    t.fixed = 2.0;
    t.per_layer = {{1, 4, 9}, {0, 3, 10}, {2, 5, 6}};
    std::vector<double> all;
    for (int64_t a = 0; a < 3; ++a)
        for (int64_t b = 0; b < 3; ++b)
            for (int64_t c = 0; c < 3; ++c)
                all.push_back(t.cost({a, b, c}));
    for (double q : {0.1, 0.25, 0.5, 0.85}) {
        const double cost = t.quantile(q);
        const double below = static_cast<double>(std::count_if(
                                 all.begin(), all.end(), [&](double c) { return c <= cost; })) /
                             static_cast<double>(all.size());
        // The quantile of a 27-value distribution: the share at or below it is q, to one net.
        EXPECT_GE(below, q - 1.0 / 27) << q;
        EXPECT_LE(below, q + 2.0 / 27) << q;
    }
}

TEST(CostTable, QuantileRisesWithTheShareAndStaysInTheRange) {
    const CostTable t = testsupport::bellCostTable(); // 15 .. 95, mean 55
    double last = t.minCost();
    for (double q : {0.01, 0.15, 0.5, 0.85, 0.99}) {
        const double c = t.quantile(q);
        EXPECT_GE(c, last) << q;
        EXPECT_LE(c, t.maxCost()) << q;
        last = c;
    }
    EXPECT_NEAR(t.quantile(0.5), t.uniformExpected(), 1.0); // a symmetric bell
    EXPECT_LT(t.quantile(0.15), t.uniformExpected() - 5.0);
    EXPECT_EQ(t.quantile(0.15), t.quantile(0.15)); // a fixed draw: one table, one cost
}

TEST(CostTable, ASettingsTargetWinsOverItsQuantile) {
    const CostTable t = testsupport::bellCostTable();
    SearchSettings s;
    EXPECT_EQ(t.targetOf(s), 0.0);
    s.target_quantile = 0.15;
    EXPECT_EQ(t.targetOf(s), t.quantile(0.15));
    s.target = 42.0; // a run's own study keeps both: the cost it resolved, and from what
    EXPECT_EQ(t.targetOf(s), 42.0);
}
