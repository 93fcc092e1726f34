// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/util/FaultInjection.h"

#include <cstdlib>
#include <gtest/gtest.h>

using dnas::FaultInjection;

// DNAS_FAULT is read once per process, at the first hit(): this executable sets it first.
TEST(FaultInjection, FiresOnExactlyTheArmedPass) {
    ASSERT_EQ(::setenv("DNAS_FAULT", "checkpoint-write:3,other:1,broken,bad:x,zero:0", 1), 0);
    EXPECT_FALSE(FaultInjection::hit("checkpoint-write"));
    EXPECT_FALSE(FaultInjection::hit("checkpoint-write"));
    EXPECT_TRUE(FaultInjection::hit("checkpoint-write"));
    EXPECT_FALSE(FaultInjection::hit("checkpoint-write")); // once, not from then on
    EXPECT_TRUE(FaultInjection::hit("other"));
    // Malformed items and points never armed do nothing.
    for (const char* p : {"broken", "bad", "zero", "unarmed"})
        for (int i = 0; i < 3; ++i)
            EXPECT_FALSE(FaultInjection::hit(p)) << p;
}
