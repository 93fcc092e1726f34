// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cost/ModelCounter.h"
#include "engine/space/Architecture.h"
#include "engine/space/SearchSpace.h"

#include <gtest/gtest.h>

using namespace dnas;

namespace {
OpCount countRef(const std::string& name, bool alwaysPw, std::optional<int> head = {}) {
    SearchSpace sp = SearchSpace::load("fbnet");
    sp.always_pw = alwaysPw;
    Architecture a = *Architecture::reference(name);
    if (head)
        a.head_c_out = head;
    return ModelCounter::count(sp, a).total();
}
} // namespace

// Published mobile-vision figures (docs/architecture.md §5), to the printed precision.
TEST(ModelCounter, FbnetCMatchesMobileVision) {
    const OpCount c = countRef("fbnet-c", false);
    EXPECT_NEAR(c.macs / 1e6, 378.1, 0.05);
    EXPECT_NEAR(c.params / 1e6, 5.53, 0.005);
    EXPECT_NEAR(countRef("fbnet-c", true).macs / 1e6, 385.0, 0.05);
}

TEST(ModelCounter, FbnetAMatchesMobileVision) {
    const OpCount a = countRef("fbnet-a", false);
    EXPECT_NEAR(a.macs / 1e6, 244.5, 0.05);
    EXPECT_NEAR(a.params / 1e6, 4.27, 0.005);
    EXPECT_NEAR(countRef("fbnet-a", true).macs / 1e6, 249.9, 0.05);
}

TEST(ModelCounter, FbnetBMatchesMobileVision) {
    const OpCount b = countRef("fbnet-b", false);
    EXPECT_NEAR(b.macs / 1e6, 291.0, 0.05);
    EXPECT_NEAR(b.params / 1e6, 4.77, 0.005);
}

TEST(ModelCounter, ConvCountsGroupsAndBias) {
    const OpCount c = ModelCounter::conv(16, 32, 3, 10, 10, 2, true);
    EXPECT_EQ(c.params, 8 * 9 * 32 + 32);
    EXPECT_EQ(c.macs, int64_t(8) * 9 * 32 * 100);
}

TEST(ModelCounter, SkipIsFreeOnlyAsIdentity) {
    const OpSpec& skip = *findBuiltinOp("skip");
    EXPECT_EQ(ModelCounter::block(skip, {16, 16, 8, 8, 1}, true).macs, 0);
    EXPECT_EQ(ModelCounter::block(skip, {16, 24, 8, 8, 2}, true).macs, 16 * 24 * 16);
}
