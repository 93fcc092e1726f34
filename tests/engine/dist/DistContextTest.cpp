// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/dist/DistContext.h"
#include "engine/util/DnasError.h"
#include "tests/engine/dist/RankThreads.h"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <memory>

using namespace dnas;
using namespace dnas::testsupport;
using Clock = std::chrono::steady_clock;

namespace {
// Upper bounds here only catch a missing timeout (a hang); they are no speed claims.
constexpr double kSafetyNetS = 50.0;

double secondsSince(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

// Whether an error's reason is Gloo's timeout rather than a closed connection.
bool isTimeout(const std::string& what) {
    return what.find("Timed out") != std::string::npos ||
           what.find("timed out") != std::string::npos;
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
    const auto errors = runRanks(2, [&](const DistSettings& s) {
        auto ctx = std::make_unique<DistContext>(s);
        torch::Tensor t = torch::ones({3});
        ctx->allReduce(t); // both ranks are up
        if (s.rank == 1)
            return; // rank 1 "dies": its sockets close
        for (;;)
            ctx->allReduce(t);
    });
    EXPECT_NE(errors[0].find("rank 1 stopped responding ("), std::string::npos) << errors[0];
    EXPECT_NE(errors[0].find("rank 0: "), std::string::npos) << errors[0];
    EXPECT_EQ(errors[1], "");
    // Noticed from the closed connection, not by waiting out the timeout (which a loaded
    // machine could make look fast or slow): the reason is not Gloo's timeout.
    EXPECT_FALSE(isTimeout(errors[0])) << errors[0];
}

TEST(DistContext, ASilentPeerTimesOut) {
    constexpr double kTimeout = 3.0;
    double elapsed = 0.0;
    std::promise<void> rank0Done;
    std::shared_future<void> rank0DoneF = rank0Done.get_future().share();
    const auto errors = runRanks(
        2,
        [&](const DistSettings& s) {
            DistContext ctx(s);
            torch::Tensor t = torch::ones({3});
            ctx.allReduce(t);
            if (s.rank == 1) { // alive, but never joins the next collective
                // Waits for rank 0 to give up; the bound only keeps a hang from hanging the test.
                rank0DoneF.wait_for(std::chrono::duration<double>(kSafetyNetS));
                return;
            }
            const auto t0 = Clock::now();
            try {
                ctx.allReduce(t);
            } catch (...) {
                elapsed = secondsSince(t0);
                rank0Done.set_value();
                throw;
            }
            rank0Done.set_value();
        },
        kTimeout);
    EXPECT_NE(errors[0].find("rank 1 stopped responding ("), std::string::npos) << errors[0];
    // Gloo's timeout, not a closed connection: rank 1 stayed until rank 0 had given up.
    EXPECT_TRUE(isTimeout(errors[0])) << errors[0];
    EXPECT_NE(errors[0].find("3000ms"), std::string::npos) << errors[0]; // the given timeout
    // It waited for the timeout (a lower bound, which load cannot break: it only delays).
    EXPECT_GE(elapsed, 0.9 * kTimeout);
    EXPECT_EQ(errors[1], "");
}

TEST(DistContext, ARankThatNeverComesFailsTheRendezvous) {
    constexpr double kTimeout = 1.0;
    for (int rank : {0, 1}) {
        const auto t0 = Clock::now();
        try {
            DistContext ctx(rankSettings(rank, 2, DistSettings::freeLoopbackPort(), kTimeout));
            ADD_FAILURE() << "rank " << rank << " met nobody, yet no error";
        } catch (const DnasError& e) {
            const std::string what = e.what();
            EXPECT_NE(what.find("not all 2 ranks met within 1 s"), std::string::npos) << what;
            EXPECT_NE(what.find("rank " + std::to_string(rank)), std::string::npos) << what;
        }
        // The given timeout, not a library default (60 s, TCPStore's 300 s): a safety net far
        // above the 1 s it should take, so only a missing timeout fails it.
        EXPECT_LT(secondsSince(t0), kSafetyNetS) << "rank " << rank;
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
