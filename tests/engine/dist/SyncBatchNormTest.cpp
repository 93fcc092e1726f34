// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/dist/SyncBatchNorm.h"
#include "engine/dist/DistContext.h"
#include "tests/engine/dist/RankThreads.h"

#include <gtest/gtest.h>

using namespace dnas;
using namespace dnas::testsupport;

namespace {

constexpr int64_t kBatch = 8, kChannels = 5, kSize = 6;
constexpr double kTol = 1e-5;

struct Result {
    torch::Tensor y, dx, dWeight, dBias, runningMean, runningVar;
    int64_t batchesTracked = 0;
};

// One BatchNorm2d with non-trivial affine parameters and running stats, the same every call.
torch::nn::BatchNorm2d makeBn() {
    torch::nn::BatchNorm2d bn(kChannels);
    torch::NoGradGuard noGrad;
    bn->weight.copy_(torch::linspace(0.5, 1.5, kChannels));
    bn->bias.copy_(torch::linspace(-0.2, 0.3, kChannels));
    bn->running_mean.fill_(0.1);
    bn->running_var.fill_(2.0);
    bn->train();
    return bn;
}

// Input with per-channel offsets (so the mean matters) and the upstream gradient.
std::pair<torch::Tensor, torch::Tensor> data() {
    torch::manual_seed(11);
    torch::Tensor x = torch::randn({kBatch, kChannels, kSize, kSize}) * 2.0 +
                      torch::arange(kChannels).view({1, -1, 1, 1}).to(torch::kFloat);
    return {x.contiguous(at::MemoryFormat::ChannelsLast), torch::randn_like(x)};
}

Result run(torch::nn::BatchNorm2d& bn, torch::Tensor x, const torch::Tensor& g, DistContext* ctx) {
    x = x.detach().requires_grad_(true);
    const torch::Tensor y = ctx ? SyncBatchNorm::forward(*bn, x, *ctx) : bn->forward(x);
    (y * g).sum().backward();
    return {y.detach(),
            x.grad(),
            bn->weight.grad().clone(),
            bn->bias.grad().clone(),
            bn->running_mean.clone(),
            bn->running_var.clone(),
            bn->num_batches_tracked.item<int64_t>()};
}

// Rank 0 normalises images [0, split), rank 1 [split, kBatch), each with its own module.
std::vector<Result> runShards(const torch::Tensor& x, const torch::Tensor& g, int64_t split) {
    std::vector<Result> shard(2);
    const auto errors = runRanks(2, [&](const DistSettings& s) {
        DistContext ctx(s);
        auto bn = makeBn();
        const int64_t from = s.rank == 0 ? 0 : split, to = s.rank == 0 ? split : kBatch;
        shard[size_t(s.rank)] = run(bn, x.slice(0, from, to), g.slice(0, from, to), &ctx);
    });
    EXPECT_EQ(errors, (std::vector<std::string>{"", ""}));
    return shard;
}

} // namespace

TEST(SyncBatchNorm, TwoShardsGiveTheWholeBatchsOutputsGradientsAndRunningStats) {
    auto [x, g] = data();
    auto whole = makeBn();
    const Result ref = run(whole, x, g, nullptr);

    const std::vector<Result> shard = runShards(x, g, kBatch / 2);
    ASSERT_TRUE(shard[0].y.defined() && shard[1].y.defined());

    EXPECT_TRUE(torch::allclose(torch::cat({shard[0].y, shard[1].y}), ref.y, kTol, kTol));
    EXPECT_TRUE(torch::allclose(torch::cat({shard[0].dx, shard[1].dx}), ref.dx, kTol, kTol));
    // Affine gradients stay per rank; their sum is the whole batch's (GradientSync averages
    // them, matching a loss that is a mean over the global batch).
    EXPECT_TRUE(torch::allclose(shard[0].dWeight + shard[1].dWeight, ref.dWeight, kTol, kTol));
    EXPECT_TRUE(torch::allclose(shard[0].dBias + shard[1].dBias, ref.dBias, kTol, kTol));
    EXPECT_FALSE(torch::allclose(shard[0].dWeight, shard[1].dWeight)); // really per rank
    for (const Result& r : shard) {
        EXPECT_TRUE(torch::allclose(r.runningMean, ref.runningMean, kTol, kTol));
        EXPECT_TRUE(torch::allclose(r.runningVar, ref.runningVar, kTol, kTol));
        EXPECT_EQ(r.batchesTracked, ref.batchesTracked);
    }
    EXPECT_TRUE(shard[0].runningVar.equal(shard[1].runningVar)); // identical, not just close
}

TEST(SyncBatchNorm, UnevenShardsWeighByTheirCounts) {
    // Rank 0 holds 6 images, rank 1 holds 2: the statistics must be the batch's, not the mean
    // of two per-rank means.
    auto [x, g] = data();
    auto whole = makeBn();
    const Result ref = run(whole, x, g, nullptr);
    const std::vector<Result> shard = runShards(x, g, 6);
    ASSERT_TRUE(shard[0].y.defined() && shard[1].y.defined());
    EXPECT_TRUE(torch::allclose(torch::cat({shard[0].y, shard[1].y}), ref.y, kTol, kTol));
    EXPECT_TRUE(torch::allclose(torch::cat({shard[0].dx, shard[1].dx}), ref.dx, kTol, kTol));
    EXPECT_TRUE(torch::allclose(shard[0].runningVar, ref.runningVar, kTol, kTol));
}
