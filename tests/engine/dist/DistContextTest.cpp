// SPDX-License-Identifier: GPL-3.0-or-later
#include "dist/DistContext.h"
#include "RankThreads.h"
#include "util/DnasError.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

using namespace dnas;
using namespace dnas::testsupport;
using Clock = std::chrono::steady_clock;

namespace {
double secondsSince(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}
} // namespace

TEST(DistContext, AllReducesSumMinAndMaxOverTwoRanks) {
    std::vector<torch::Tensor> sum(2), lo(2), hi(2), floats(2);
    const auto errors = runRanks(2, [&](const DistSettings& s) {
        DistContext ctx(s);
        EXPECT_EQ(ctx.rank(), s.rank);
        EXPECT_EQ(ctx.size(), 2);
        const double r = s.rank;
        torch::Tensor t = torch::tensor({r + 1.0, 10.0 * r, -r}, torch::kDouble);
        sum[size_t(s.rank)] = t.clone();
        lo[size_t(s.rank)] = t.clone();
        hi[size_t(s.rank)] = t.clone();
        floats[size_t(s.rank)] = torch::full({5}, static_cast<float>(r + 0.5));
        ctx.allReduce(sum[size_t(s.rank)]);
        ctx.allReduce(lo[size_t(s.rank)], DistContext::Op::Min);
        ctx.allReduce(hi[size_t(s.rank)], DistContext::Op::Max);
        ctx.allReduce(floats[size_t(s.rank)]);
    });
    ASSERT_EQ(errors, (std::vector<std::string>{"", ""}));
    for (int r = 0; r < 2; ++r) {
        EXPECT_TRUE(sum[r].equal(torch::tensor({3.0, 10.0, -1.0}, torch::kDouble))) << sum[r];
        EXPECT_TRUE(lo[r].equal(torch::tensor({1.0, 0.0, -1.0}, torch::kDouble))) << lo[r];
        EXPECT_TRUE(hi[r].equal(torch::tensor({2.0, 10.0, 0.0}, torch::kDouble))) << hi[r];
        EXPECT_TRUE(floats[r].equal(torch::full({5}, 2.0f))) << floats[r];
    }
}

TEST(DistContext, APeerThatExitsIsAnErrorNamingItNotAHang) {
    double elapsed = 0.0;
    const auto errors = runRanks(2, [&](const DistSettings& s) {
        auto ctx = std::make_unique<DistContext>(s);
        torch::Tensor t = torch::ones({3});
        ctx->allReduce(t); // both ranks are up
        if (s.rank == 1)
            return; // rank 1 "dies": its sockets close
        const auto t0 = Clock::now();
        try {
            for (;;)
                ctx->allReduce(t);
        } catch (...) {
            elapsed = secondsSince(t0);
            throw;
        }
    });
    EXPECT_NE(errors[0].find("rank 1 stopped responding ("), std::string::npos) << errors[0];
    EXPECT_NE(errors[0].find("rank 0: "), std::string::npos) << errors[0];
    EXPECT_EQ(errors[1], "");
    // A closed connection is noticed at once, long before the timeout.
    EXPECT_LT(elapsed, kTestTimeoutS / 2);
}

TEST(DistContext, ASilentPeerTimesOut) {
    constexpr double kTimeout = 3.0;
    double elapsed = 0.0;
    std::atomic<bool> rank0Done{false};
    const auto errors = runRanks(
        2,
        [&](const DistSettings& s) {
            DistContext ctx(s);
            torch::Tensor t = torch::ones({3});
            ctx.allReduce(t);
            if (s.rank == 1) { // alive, but never joins the next collective
                const auto t0 = Clock::now();
                while (!rank0Done && secondsSince(t0) < 3 * kTimeout)
                    std::this_thread::sleep_for(std::chrono::milliseconds(20));
                return;
            }
            const auto t0 = Clock::now();
            try {
                ctx.allReduce(t);
            } catch (...) {
                elapsed = secondsSince(t0);
                rank0Done = true;
                throw;
            }
            rank0Done = true;
        },
        kTimeout);
    EXPECT_NE(errors[0].find("rank 1 stopped responding ("), std::string::npos) << errors[0];
    EXPECT_GE(elapsed, 0.9 * kTimeout);
    EXPECT_LT(elapsed, 2.5 * kTimeout);
}

TEST(DistContext, ARankThatNeverComesFailsTheRendezvous) {
    for (int rank : {0, 1}) {
        const auto t0 = Clock::now();
        try {
            DistContext ctx(rankSettings(rank, 2, DistSettings::freeLoopbackPort(), 1.0));
            ADD_FAILURE() << "rank " << rank << " met nobody, yet no error";
        } catch (const DnasError& e) {
            const std::string what = e.what();
            EXPECT_NE(what.find("not all 2 ranks met within"), std::string::npos) << what;
            EXPECT_NE(what.find("rank " + std::to_string(rank)), std::string::npos) << what;
        }
        EXPECT_LT(secondsSince(t0), 15.0);
    }
}

TEST(DistSettings, ParsesAndChecksTheMaster) {
    DistSettings s;
    s.setMaster("10.0.0.2:29501");
    EXPECT_EQ(s.master_host, "10.0.0.2");
    EXPECT_EQ(s.master_port, 29501);
    s.setMaster("[::1]:4000");
    EXPECT_EQ(s.master_host, "::1");
    for (const char* bad : {"host", "host:", ":80", "host:0", "host:70000", "host:12a"})
        EXPECT_THROW(s.setMaster(bad), DnasError) << bad;
    s.world_size = 2;
    s.rank = 2;
    EXPECT_THROW(s.check("x"), DnasError);
    s.rank = 1;
    EXPECT_NO_THROW(s.check("x"));
    EXPECT_GT(DistSettings::freeLoopbackPort(), 0);
}
