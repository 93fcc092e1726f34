// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/space/Architecture.h"
#include "engine/space/SearchSpace.h"
#include "engine/util/DnasError.h"

#include <gtest/gtest.h>

using namespace dnas;

TEST(Architecture, ResolveTakesAllOpAsThatOpInEveryLayer) {
    const SearchSpace space = SearchSpace::load("fbnet-fmnist");
    const Architecture a = Architecture::resolve("all-k3_e6", space);
    EXPECT_EQ(a.space, "fbnet-fmnist");
    ASSERT_EQ(a.ops.size(), space.layers.size());
    for (const auto& op : a.ops)
        EXPECT_EQ(op, "k3_e6");
    // Every command resolves the same way, so the canonical string of it resolves back to it.
    EXPECT_EQ(Architecture::resolve(a.toString(), space).ops, a.ops);
    // "all-" before something that is not an op of the space is no shorthand: an error naming
    // the option, not nine layers of nothing.
    try {
        Architecture::resolve("all-k9_e9", space);
        FAIL() << "all-k9_e9 resolved";
    } catch (const DnasError& e) {
        EXPECT_NE(std::string(e.what()).find("--arch"), std::string::npos) << e.what();
    }
}
