// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/dist/GradientSync.h"
#include "engine/dist/DistContext.h"
#include "tests/engine/dist/RankThreads.h"

#include <gtest/gtest.h>

using namespace dnas;
using namespace dnas::testsupport;

TEST(GradientSync, AveragesDefinedGradientsAndLeavesTheRestAlone) {
    struct Rank {
        torch::Tensor conv, bias, unused;
    };
    std::vector<Rank> out(2);
    const auto errors = runRanks(2, [&](const DistSettings& s) {
        DistContext ctx(s);
        const float r = static_cast<float>(s.rank);
        // A channels-last 4-D weight, a vector, and one parameter without a gradient.
        torch::Tensor conv = torch::zeros({4, 3, 2, 2})
                                 .contiguous(at::MemoryFormat::ChannelsLast)
                                 .requires_grad_(true);
        torch::Tensor bias = torch::zeros({7}, torch::requires_grad());
        torch::Tensor unused = torch::zeros({2}, torch::requires_grad());
        torch::Tensor loss = (conv * torch::arange(48).view({4, 3, 2, 2}) * (r + 1.0)).sum() +
                             (bias * (10.0 * r)).sum();
        loss.backward();
        torch::optim::SGD opt({conv, bias, unused}, torch::optim::SGDOptions(0.1));
        GradientSync(ctx).average(opt);
        out[size_t(s.rank)] = {conv.grad().clone(), bias.grad().clone(), unused.grad()};
        EXPECT_TRUE(conv.grad().is_contiguous(at::MemoryFormat::ChannelsLast));
    });
    ASSERT_EQ(errors, (std::vector<std::string>{"", ""}));
    const torch::Tensor convMean = torch::arange(48).view({4, 3, 2, 2}).to(torch::kFloat) * 1.5;
    for (const auto& r : out) {
        EXPECT_TRUE(torch::allclose(r.conv, convMean)) << r.conv;
        EXPECT_TRUE(torch::allclose(r.bias, torch::full({7}, 5.0f))) << r.bias;
        EXPECT_FALSE(r.unused.defined());
    }
    EXPECT_TRUE(out[0].conv.equal(out[1].conv)); // bit for bit: the weights stay identical
}

namespace {
// A little net with layers of several sizes, a channels-last conv and a parameter the step
// never uses (an unsampled path): enough to fill several small buckets.
struct BucketNet {
    torch::Tensor conv, bias, fc, unused;
    // Its own generator: the ranks are threads, and the global one would be shared.
    explicit BucketNet(uint64_t seed) {
        auto gen = at::detail::createCPUGenerator(seed);
        conv = torch::randn({4, 3, 3, 3}, gen)
                   .contiguous(at::MemoryFormat::ChannelsLast)
                   .requires_grad_(true);
        bias = torch::randn({4}, gen).requires_grad_(true);
        fc = torch::randn({10, 4 * 6 * 6}, gen).requires_grad_(true);
        unused = torch::randn({5}, gen).requires_grad_(true);
    }
    std::vector<torch::Tensor> parameters() const { return {conv, bias, fc, unused}; }
    torch::Tensor loss(const torch::Tensor& x, const torch::Tensor& y) const {
        const torch::Tensor h = torch::relu(torch::conv2d(x, conv, bias)).flatten(1);
        return torch::nn::functional::cross_entropy(torch::matmul(h, fc.t()), y);
    }
};
constexpr int64_t kSyncBatch = 8;
constexpr int64_t kTinyBuckets = 200; // a bucket per parameter, the fc one on its own
} // namespace

TEST(GradientSync, BucketsStartedDuringBackwardGiveOneProcesssGradients) {
    torch::manual_seed(3);
    const torch::Tensor x = torch::randn({kSyncBatch, 3, 8, 8});
    const torch::Tensor y = torch::randint(10, {kSyncBatch});
    const BucketNet whole(7);
    whole.loss(x, y).backward(); // one process, the whole batch
    std::vector<std::vector<torch::Tensor>> grads(2);
    std::vector<int64_t> duringBackward(2), buckets(2);
    const auto errors = runRanks(2, [&](const DistSettings& s) {
        DistContext ctx(s);
        GradientSync sync(ctx, kTinyBuckets);
        const BucketNet net(7);
        const int64_t half = kSyncBatch / 2;
        const torch::Tensor loss = net.loss(x.slice(0, half * s.rank, half * (s.rank + 1)),
                                            y.slice(0, half * s.rank, half * (s.rank + 1)));
        sync.beginBackward(loss, net.parameters());
        const int64_t before = ctx.counts().calls;
        loss.backward();
        duringBackward[size_t(s.rank)] = ctx.counts().calls - before;
        sync.finish();
        buckets[size_t(s.rank)] = sync.bucketsLastStep();
        for (const auto& p : net.parameters())
            grads[size_t(s.rank)].push_back(p.grad().defined() ? p.grad().clone() : p.grad());
        EXPECT_TRUE(net.conv.grad().is_contiguous(at::MemoryFormat::ChannelsLast));
    });
    ASSERT_EQ(errors, (std::vector<std::string>{"", ""}));
    const auto reference = whole.parameters();
    for (int r = 0; r < 2; ++r) {
        EXPECT_EQ(buckets[r], 3); // conv, bias and fc: the unused one gets none
        // Every bucket had started before backward returned: the all-reduces overlap it.
        EXPECT_EQ(duringBackward[r], 3);
        for (size_t i = 0; i < 3; ++i)
            EXPECT_TRUE(torch::allclose(grads[r][i], reference[i].grad(), 1e-5, 1e-6)) << i;
        EXPECT_FALSE(grads[r][3].defined());
    }
    for (size_t i = 0; i < 3; ++i)
        EXPECT_TRUE(grads[0][i].equal(grads[1][i])); // bit for bit: the weights stay identical
}

TEST(GradientSync, ARankThatDiesDuringAnInFlightBucketIsNamed) {
    torch::manual_seed(4);
    const torch::Tensor x = torch::randn({kSyncBatch, 3, 8, 8});
    const torch::Tensor y = torch::randint(10, {kSyncBatch});
    int64_t inFlight = 0;
    const auto errors = runRanks(2, [&](const DistSettings& s) {
        DistContext ctx(s);
        torch::Tensor t = torch::ones({1});
        ctx.allReduce(t); // both ranks are up
        if (s.rank == 1)
            return; // rank 1 "dies" mid-run: its sockets close
        GradientSync sync(ctx, kTinyBuckets);
        const BucketNet net(7);
        const torch::Tensor loss = net.loss(x, y);
        sync.beginBackward(loss, net.parameters());
        loss.backward();
        inFlight = ctx.counts().calls - 1;
        sync.finish();
    });
    EXPECT_GT(inFlight, 0); // the all-reduces had started when rank 0 waited for them
    EXPECT_NE(errors[0].find("rank 0: rank 1 stopped responding ("), std::string::npos)
        << errors[0];
    EXPECT_EQ(errors[1], "");
}
