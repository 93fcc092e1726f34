// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/search/LayerDecisions.h"

#include <gtest/gtest.h>

using namespace dnas;

TEST(LayerDecisions, SpreadsTheDecisionsOverTheSearchAndEndsWithAll) {
    EXPECT_EQ(LayerDecisions::dueAfter(0, 5, 10), 2);
    EXPECT_EQ(LayerDecisions::dueAfter(1, 5, 10), 4);
    EXPECT_EQ(LayerDecisions::dueAfter(3, 5, 10), 8);
    EXPECT_EQ(LayerDecisions::dueAfter(4, 5, 10), 10);
    EXPECT_EQ(LayerDecisions::dueAfter(0, 1, 10), 10); // one search epoch: all at its end
    EXPECT_EQ(LayerDecisions::dueAfter(9, 5, 10), 10); // past the end (a resumed tail)
    for (int e = 1; e < 12; ++e)
        EXPECT_GE(LayerDecisions::dueAfter(e, 12, 22), LayerDecisions::dueAfter(e - 1, 12, 22));
}

TEST(LayerDecisions, ADelayHoldsDecisionsBackThenSpreadsThemOverTheRest) {
    // 10 search epochs, 10 layers, 3 epochs held back: none after epochs 0-2, then 10 layers
    // over the remaining 7 epochs, all after the last.
    for (int e = 0; e < 3; ++e)
        EXPECT_EQ(LayerDecisions::dueAfter(e, 10, 10, 3), 0) << e;
    EXPECT_EQ(LayerDecisions::dueAfter(3, 10, 10, 3), 1);  // 10 * 1 / 7
    EXPECT_EQ(LayerDecisions::dueAfter(6, 10, 10, 3), 6);  // 10 * 4 / 7
    EXPECT_EQ(LayerDecisions::dueAfter(9, 10, 10, 3), 10); // the last epoch decides the rest
    for (int e = 1; e < 10; ++e)
        EXPECT_GE(LayerDecisions::dueAfter(e, 10, 10, 3),
                  LayerDecisions::dueAfter(e - 1, 10, 10, 3));
    // A delay as long as the search: everything at its end, nothing before.
    EXPECT_EQ(LayerDecisions::dueAfter(8, 10, 10, 10), 0);
    EXPECT_EQ(LayerDecisions::dueAfter(9, 10, 10, 10), 10);
    EXPECT_EQ(LayerDecisions::dueAfter(0, 10, 10, 0), LayerDecisions::dueAfter(0, 10, 10));
}

TEST(LayerDecisions, DecidesTheMostCertainOpenLayersOnTheirArgmax) {
    std::vector<int64_t> decided(4, LayerDecisions::kOpen);
    const std::vector<std::vector<double>> probs = {
        {0.34, 0.33, 0.33}, // nearly uniform
        {0.1, 0.1, 0.8},    // the most certain
        {0.5, 0.4, 0.1},
        {0.05, 0.9, 0.05}, // already decided below: must stay as it is
    };
    decided[3] = 0;
    const auto now = LayerDecisions::decide(decided, probs, 3);
    EXPECT_EQ(now, (std::vector<size_t>{1, 2}));
    EXPECT_EQ(decided, (std::vector<int64_t>{LayerDecisions::kOpen, 2, 0, 0}));
    EXPECT_TRUE(LayerDecisions::decide(decided, probs, 3).empty()); // nothing more is due
    EXPECT_EQ(LayerDecisions::decide(decided, probs, 4), std::vector<size_t>{0});
    EXPECT_EQ(decided[0], 0);
}

TEST(LayerDecisions, AMarginGatePassesOverCloseCalls) {
    std::vector<int64_t> decided(3, LayerDecisions::kOpen);
    const std::vector<std::vector<double>> probs = {
        {0.45, 0.40, 0.15}, // lower entropy than layer 2, but its top two are 0.05 apart
        {0.30, 0.30, 0.40}, // 0.10 apart: under the gate
        {0.70, 0.15, 0.15}, // 0.55 apart
    };
    EXPECT_NEAR(LayerDecisions::margin(probs[0]), 0.05, 1e-12);
    EXPECT_EQ(LayerDecisions::margin({1.0}), 1.0);
    // Three are due, but only the clear call passes a gate of 0.3.
    EXPECT_EQ(LayerDecisions::decide(decided, probs, 3, 0.3), std::vector<size_t>{2});
    EXPECT_EQ(decided, (std::vector<int64_t>{LayerDecisions::kOpen, LayerDecisions::kOpen, 0}));
    // Without the gate (the last epoch) the rest take their argmax, the lower entropy first.
    EXPECT_EQ(LayerDecisions::decide(decided, probs, 3), (std::vector<size_t>{0, 1}));
    EXPECT_EQ(decided, (std::vector<int64_t>{0, 2, 0}));
}
