// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/search/EqualCostSampler.h"
#include "engine/search/CostTable.h"

#include "tests/support/BellCostTable.h"
#include "tests/support/ErrorOf.h"

#include <gtest/gtest.h>
#include <set>

using namespace dnas;

TEST(EqualCostSampler, EveryDrawIsWithinToleranceAndDistinct) {
    const CostTable t = testsupport::bellCostTable();
    const auto draws = EqualCostSampler(t, 40.0, 0.05).draw(50, 11);
    ASSERT_EQ(draws.size(), 50u);
    std::set<std::vector<int64_t>> distinct(draws.begin(), draws.end());
    EXPECT_EQ(distinct.size(), draws.size());
    for (const auto& c : draws) {
        EXPECT_GE(t.cost(c), 38.0);
        EXPECT_LE(t.cost(c), 42.0);
    }
    EXPECT_EQ(EqualCostSampler(t, 40.0, 0.05).draw(50, 11), draws); // reproducible
    EXPECT_NE(EqualCostSampler(t, 40.0, 0.05).draw(50, 12), draws);
}

// Uniform over the slice: each layer's ops are drawn about equally often at the centre of the
// range (costs symmetric around the mean), not biased to the cheap or dear ones.
TEST(EqualCostSampler, DrawsAreUniformOverTheSlice) {
    const CostTable t = testsupport::bellCostTable();
    std::vector<int> counts(9, 0);
    for (const auto& c : EqualCostSampler(t, t.uniformExpected(), 0.05).draw(2000, 5))
        ++counts[static_cast<size_t>(c[0])];
    for (int n : counts)
        EXPECT_NEAR(n, 2000 / 9.0, 70) << n;
}

TEST(EqualCostSampler, RefusesAfterABoundedNumberOfTries) {
    const CostTable t = testsupport::bellCostTable(); // 15 .. 95 us
    const std::string why = testsupport::errorOf(
        [&] { EqualCostSampler(t, 15.2, 0.001, 10000).draw(3, 1); }); // no net costs 15.2
    EXPECT_NE(why.find("found"), std::string::npos) << why;
    EXPECT_NE(why.find("of 3"), std::string::npos) << why;
    EXPECT_NE(why.find("10000 uniform draws"), std::string::npos) << why;
    EXPECT_NE(why.find("15 to 95"), std::string::npos) << why;
}
