// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/dist/DataParallel.h"
#include "engine/search/StopPauseToken.h"
#include "engine/util/DnasError.h"
#include "tests/engine/dist/RankThreads.h"

#include <gtest/gtest.h>

using namespace dnas;
using namespace dnas::testsupport;

TEST(DataParallel, OneProcessIsANoOp) {
    DataParallel dp(DistSettings{}, 30);
    EXPECT_FALSE(dp.active());
    EXPECT_TRUE(dp.writes());
    const torch::Tensor x = torch::arange(10);
    EXPECT_TRUE(dp.shard(x).equal(x));
    StopPauseToken ctl;
    EXPECT_TRUE(dp.keepGoing(ctl));
    EXPECT_FALSE(dp.stopAgreed(ctl));
    ctl.requestStop();
    EXPECT_FALSE(dp.keepGoing(ctl));
    EXPECT_TRUE(dp.stopAgreed(ctl));
    double loss = 2.0, ce = 1.0, correct = 3.0, n = 4.0;
    dp.reduceStepMetrics(loss, ce, correct, n);
    EXPECT_EQ(loss, 2.0);
    EXPECT_EQ(n, 4.0);
    EXPECT_EQ(dp.syncBatchNorm(), nullptr);
}

TEST(DataParallel, TheBatchMustSplitEvenly) {
    DistSettings s = rankSettings(0, 4, DistSettings::freeLoopbackPort());
    try {
        DataParallel dp(s, 30); // throws before trying to meet anyone
        ADD_FAILURE() << "30 images split over 4 ranks";
    } catch (const DnasError& e) {
        EXPECT_EQ(e.field(), "batch_size");
    }
}

TEST(DataParallel, ShardsStepsMetricsAndStopsAgreeAcrossRanks) {
    std::vector<torch::Tensor> shards(2);
    std::vector<std::vector<double>> metrics(2);
    std::vector<std::vector<bool>> answers(2);
    const auto errors = runRanks(2, [&](const DistSettings& s) {
        DataParallel dp(s, 8);
        EXPECT_EQ(dp.writes(), s.rank == 0);
        shards[size_t(s.rank)] = dp.shard(torch::arange(8));
        double loss = s.rank == 0 ? 1.0 : 3.0, ce = s.rank == 0 ? 0.5 : 1.5;
        double correct = s.rank == 0 ? 1.0 : 4.0, n = 4.0;
        dp.reduceStepMetrics(loss, ce, correct, n);
        metrics[size_t(s.rank)] = {loss, ce, correct, n};
        StopPauseToken ctl;
        auto& a = answers[size_t(s.rank)];
        a.push_back(dp.keepGoing(ctl)); // nobody asked to stop
        if (s.rank == 1)
            ctl.requestStop();
        a.push_back(dp.keepGoing(ctl));   // rank 1 did: both stop
        a.push_back(ctl.stopRequested()); // ... and rank 0's control learns it
        StopPauseToken fresh;
        a.push_back(dp.stopAgreed(fresh));
        if (s.rank == 0)
            fresh.requestStop();
        a.push_back(dp.stopAgreed(fresh));
    });
    ASSERT_EQ(errors, (std::vector<std::string>{"", ""}));
    EXPECT_TRUE(shards[0].equal(torch::arange(0, 4)));
    EXPECT_TRUE(shards[1].equal(torch::arange(4, 8)));
    for (int r = 0; r < 2; ++r) {
        EXPECT_EQ(metrics[r], (std::vector<double>{2.0, 1.0, 5.0, 8.0}));
        EXPECT_EQ(answers[r], (std::vector<bool>{true, false, true, false, true}));
    }
}

TEST(DataParallel, RanksThatStartApartAllFailNamingTheDifference) {
    const auto errors = runRanks(2, [&](const DistSettings& s) {
        DataParallel dp(s, 8);
        torch::nn::Linear net(3, 2);
        {
            torch::NoGradGuard noGrad;
            for (auto& p : net->parameters())
                p.fill_(0.25);
        }
        dp.checkSameStart(*net, {{"epoch", 2}, {"step", 5}}); // the same: fine
        dp.checkSameStart(*net, {{"epoch", 2}, {"step", 5 + s.rank}});
    });
    for (const auto& e : errors) {
        EXPECT_NE(e.find("start from different points (step: 5"), std::string::npos) << e;
    }
    const auto weights = runRanks(2, [&](const DistSettings& s) {
        DataParallel dp(s, 8);
        torch::nn::Linear net(3, 2);
        {
            torch::NoGradGuard noGrad;
            for (auto& p : net->parameters())
                p.fill_(0.25 * (1 + s.rank));
        }
        dp.checkSameStart(*net, {{"epoch", 0}});
    });
    for (const auto& e : weights)
        EXPECT_NE(e.find("weights (sum)"), std::string::npos) << e;
}

TEST(DataParallel, LocalBatchNormCallsNoCollectiveAndAveragesRunningStatsOnce) {
    std::vector<torch::Tensor> means(2), vars(2), batchMeans(2);
    std::vector<int64_t> forwardCalls(2, -1), secondSync(2, -1);
    const auto errors = runRanks(2, [&](const DistSettings& s) {
        DataParallel dp(s, 8, BatchNormSync::Local);
        EXPECT_EQ(dp.syncBatchNorm(), nullptr); // plain per-rank batch norm
        torch::nn::BatchNorm2d bn(3);
        torch::optim::SGD opt(bn->parameters(), torch::optim::SGDOptions(0.1));
        const torch::Tensor x = torch::randn({4, 3, 2, 2}) + 3.0 * s.rank;
        const auto before = dp.collectiveCounts();
        const torch::Tensor y = BatchNormHook::apply(bn, x);
        forwardCalls[size_t(s.rank)] = dp.collectiveCounts().calls - before.calls;
        batchMeans[size_t(s.rank)] = x.mean({0, 2, 3});
        const torch::Tensor loss = (y * y).mean();
        dp.beforeBackward(loss, opt);
        loss.backward();
        dp.averageGradients(opt);
        dp.syncRunningStats(*bn);
        const auto afterSync = dp.collectiveCounts();
        dp.syncRunningStats(*bn); // nothing trained since: no collective
        secondSync[size_t(s.rank)] = dp.collectiveCounts().calls - afterSync.calls;
        dp.checkSameWeights(*bn, "after the test step");
        means[size_t(s.rank)] = bn->running_mean.clone();
        vars[size_t(s.rank)] = bn->running_var.clone();
    });
    ASSERT_EQ(errors, (std::vector<std::string>{"", ""}));
    const double momentum = torch::nn::BatchNormOptions(3).momentum().value();
    const torch::Tensor expected = momentum * (batchMeans[0] + batchMeans[1]) / 2.0;
    for (int r = 0; r < 2; ++r) {
        EXPECT_EQ(forwardCalls[r], 0);
        EXPECT_EQ(secondSync[r], 0);
        EXPECT_TRUE(torch::allclose(means[r], expected, 1e-5, 1e-6)) << means[r] << expected;
    }
    EXPECT_TRUE(means[0].equal(means[1])); // bit for bit: the ranks evaluate the same net
    EXPECT_TRUE(vars[0].equal(vars[1]));
    // The shards differ by 3 per channel, so averaging did something.
    EXPECT_GT((batchMeans[1] - batchMeans[0]).abs().min().item<double>(), 1.0);
}

TEST(DataParallel, GlobalBatchNormSynchronisesAndDriftingWeightsAreAnError) {
    const auto errors = runRanks(2, [&](const DistSettings& s) {
        DataParallel dp(s, 8, BatchNormSync::Global);
        EXPECT_NE(dp.syncBatchNorm(), nullptr);
        torch::nn::Linear net(3, 2);
        {
            torch::NoGradGuard noGrad;
            for (auto& p : net->parameters())
                p.fill_(0.25 * (1 + s.rank));
        }
        dp.checkSameWeights(*net, "at the end of epoch 3");
    });
    for (const auto& e : errors)
        EXPECT_NE(e.find("weights differ at the end of epoch 3 (weights (sum)"), std::string::npos)
            << e;
}
