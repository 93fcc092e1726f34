// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/search/FinalistDraw.h"
#include "engine/search/CostTable.h"

#include "tests/support/BellCostTable.h"

#include <gtest/gtest.h>
#include <set>

using namespace dnas;

namespace {
void expectInBand(const CostTable& t, const std::vector<std::vector<int64_t>>& draws, double lo,
                  double hi) {
    for (const auto& c : draws) {
        EXPECT_GE(t.cost(c), lo);
        EXPECT_LE(t.cost(c), hi);
    }
}
} // namespace

// The search's choice leads; the others are distinct, in the band, and reproducible.
TEST(FinalistDraw, ChoiceFirstThenDistinctNetsOfItsBand) {
    const CostTable t = testsupport::bellCostTable();
    const std::vector<int64_t> choice(10, 3); // 4 per layer: 45
    const FinalistDraw draw(t, 45.0, 0.05);
    const auto finalists = draw.draw(choice, 8, 3);
    ASSERT_EQ(finalists.size(), 8u);
    EXPECT_EQ(finalists.front(), choice);
    EXPECT_EQ(std::set<std::vector<int64_t>>(finalists.begin(), finalists.end()).size(), 8u);
    expectInBand(t, finalists, 42.75, 47.25);
    EXPECT_EQ(draw.draw(choice, 8, 3), finalists);
    EXPECT_NE(draw.draw(choice, 8, 4), finalists);
    EXPECT_EQ(draw.draw(choice, 1, 3), std::vector<std::vector<int64_t>>{choice});
    EXPECT_EQ(draw.draw(choice, 0, 3), std::vector<std::vector<int64_t>>{choice});
}

// At the bottom of the range uniform draws almost never land in a ±1 % band (each layer's two
// cheapest ops are 2 of 9: 3e-7 of the space); the choice's one-layer neighbours inside it stand
// in.
TEST(FinalistDraw, ThinBandFallsBackToNeighboursInside) {
    CostTable t = testsupport::bellCostTable();
    for (auto& layer : t.per_layer)
        layer = {1, 1.01, 5, 9, 13, 17, 21, 25, 29};
    const std::vector<int64_t> choice(10, 0); // cost 15
    const auto finalists = FinalistDraw(t, 15.0, 0.01).draw(choice, 5, 1);
    ASSERT_EQ(finalists.size(), 5u);
    EXPECT_EQ(finalists.front(), choice);
    expectInBand(t, finalists, 14.85, 15.15);
    for (size_t i = 1; i < finalists.size(); ++i) {
        int changed = 0;
        for (size_t l = 0; l < choice.size(); ++l)
            changed += finalists[i][l] != choice[l];
        EXPECT_EQ(changed, 1);
    }
}

// No other net in the band at all: the choice alone, no error (the search is over and must
// still deliver).
TEST(FinalistDraw, NothingElseInTheBandGivesTheChoiceAlone) {
    const CostTable t = testsupport::bellCostTable();
    const std::vector<int64_t> cheapest(10, 0); // 15: the only net in 15 ± 1 %
    EXPECT_EQ(FinalistDraw(t, 15.0, 0.01).draw(cheapest, 4, 1),
              std::vector<std::vector<int64_t>>{cheapest});
}
