// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/search/StopPauseToken.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

using namespace dnas;

namespace {
// Only a safety net for a thread that never parks; a parked thread is seen at once.
constexpr std::chrono::seconds kNeverParked(60);

// A worker thread that calls waitWhilePaused once and records what it returned.
struct Waiter {
    explicit Waiter(StopPauseToken& token)
        : thread([this, &token] {
              result = token.waitWhilePaused();
              returned = true;
          }) {}
    ~Waiter() {
        if (thread.joinable())
            thread.join();
    }
    std::atomic<bool> result{false};
    std::atomic<bool> returned{false};
    std::thread thread;
};
} // namespace

TEST(StopPauseToken, UnpausedNeitherBlocksNorParks) {
    StopPauseToken t;
    EXPECT_FALSE(t.paused());
    EXPECT_FALSE(t.stopRequested());
    EXPECT_TRUE(t.waitWhilePaused());
    EXPECT_TRUE(t.waitWhilePaused());
    EXPECT_EQ(t.parkCount(), 0);
    // Nobody parks, so the wait gives up after its timeout and says so.
    EXPECT_FALSE(t.waitUntilParked(1, std::chrono::milliseconds(1)));
    EXPECT_TRUE(t.waitUntilParked(0, std::chrono::milliseconds(0)));
}

TEST(StopPauseToken, StopWinsOverPauseWithoutParking) {
    StopPauseToken t;
    t.pause();
    t.requestStop();
    EXPECT_TRUE(t.paused());
    EXPECT_TRUE(t.stopRequested());
    EXPECT_FALSE(t.waitWhilePaused()); // returns at once: a stopped search does not park
    EXPECT_EQ(t.parkCount(), 0);
}

TEST(StopPauseToken, APausedThreadParksUntilResumed) {
    StopPauseToken t;
    t.pause();
    Waiter w(t);
    ASSERT_TRUE(t.waitUntilParked(1, kNeverParked));
    EXPECT_EQ(t.parkCount(), 1);
    // Counted as parked, so it stays inside waitWhilePaused; the short hold only gives a
    // token that acknowledged without blocking the time to show it.
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_FALSE(w.returned);
    t.resume();
    w.thread.join();
    EXPECT_TRUE(w.returned);
    EXPECT_TRUE(w.result); // resumed, not stopped
    EXPECT_FALSE(t.paused());
    EXPECT_EQ(t.parkCount(), 1);
    EXPECT_TRUE(t.waitWhilePaused()); // resumed: no second park
    EXPECT_EQ(t.parkCount(), 1);
}

TEST(StopPauseToken, AStopReleasesAParkedThread) {
    StopPauseToken t;
    t.pause();
    Waiter w(t);
    ASSERT_TRUE(t.waitUntilParked(1, kNeverParked));
    t.requestStop();
    w.thread.join();
    EXPECT_FALSE(w.result);  // released by the stop, and told so
    EXPECT_TRUE(t.paused()); // the pause itself was never lifted
}

TEST(StopPauseToken, EveryPauseIsCountedOnce) {
    StopPauseToken t;
    for (int round = 1; round <= 3; ++round) {
        t.pause();
        Waiter w(t);
        ASSERT_TRUE(t.waitUntilParked(round, kNeverParked)) << "round " << round;
        EXPECT_EQ(t.parkCount(), round);
        t.resume();
        w.thread.join();
        EXPECT_TRUE(w.result);
    }
}
