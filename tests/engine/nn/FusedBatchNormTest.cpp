// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/nn/FusedBatchNorm.h"
#include "engine/nn/BatchNormHook.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

using namespace dnas;

namespace {

constexpr double kTol = 2e-5; // float32 against ATen's float32, other summation order

struct Step {
    torch::Tensor y, dx, dweight, dbias, runningMean, runningVar, count;
};

// One forward and backward through a fresh norm whose affine parameters are not the identity,
// either fused or as ATen's batch_norm (+ relu_).
Step step(bool fused, bool relu, const torch::Tensor& input, const torch::Tensor& dy) {
    torch::nn::BatchNorm2d bn(input.size(1));
    {
        torch::NoGradGuard noGrad;
        bn->weight.copy_(torch::linspace(0.5, 1.5, input.size(1)));
        bn->bias.copy_(torch::linspace(-0.3, 0.3, input.size(1)));
        bn->running_mean.fill_(0.2);
        bn->running_var.fill_(2.0);
    }
    torch::Tensor x = input.clone().requires_grad_();
    torch::Tensor y;
    if (fused) {
        EXPECT_TRUE(FusedBatchNorm::covers(bn, x));
        y = FusedBatchNorm::forward(bn, x, relu);
    } else {
        y = bn->forward(x);
        if (relu)
            y = y.relu();
    }
    y.backward(dy);
    return {y.detach(),
            x.grad(),
            bn->weight.grad(),
            bn->bias.grad(),
            bn->running_mean.clone(),
            bn->running_var.clone(),
            bn->num_batches_tracked.clone()};
}

torch::Tensor channelsLast(torch::Tensor t) {
    return t.contiguous(at::MemoryFormat::ChannelsLast);
}

void expectSameStep(bool relu, const torch::Tensor& x, const torch::Tensor& dy) {
    const Step f = step(true, relu, x, dy), a = step(false, relu, x, dy);
    EXPECT_TRUE(torch::allclose(f.y, a.y, kTol, kTol)) << (f.y - a.y).abs().max();
    EXPECT_TRUE(f.y.is_contiguous(at::MemoryFormat::ChannelsLast));
    EXPECT_TRUE(torch::allclose(f.dx, a.dx, kTol, kTol)) << (f.dx - a.dx).abs().max();
    EXPECT_TRUE(torch::allclose(f.dweight, a.dweight, 1e-4, 1e-4));
    EXPECT_TRUE(torch::allclose(f.dbias, a.dbias, 1e-4, 1e-4));
    EXPECT_TRUE(torch::allclose(f.runningMean, a.runningMean, kTol, kTol));
    EXPECT_TRUE(torch::allclose(f.runningVar, a.runningVar, kTol, kTol));
    EXPECT_TRUE(torch::equal(f.count, a.count));
}

} // namespace

TEST(FusedBatchNorm, BatchNormWithReluEqualsATen) {
    torch::manual_seed(1);
    // Enough rows for several parallel tasks, a channel count that is not a vector multiple,
    // and a mean far from zero (the one-pass variance must not cancel).
    const torch::Tensor x = channelsLast(torch::randn({16, 37, 9, 11}) * 3.0 + 5.0);
    const torch::Tensor dy = channelsLast(torch::randn({16, 37, 9, 11}));
    expectSameStep(true, x, dy);
}

TEST(FusedBatchNorm, BatchNormAloneEqualsATen) {
    torch::manual_seed(2);
    const torch::Tensor x = channelsLast(torch::randn({8, 24, 7, 7}));
    const torch::Tensor dy = channelsLast(torch::randn({8, 24, 7, 7}));
    expectSameStep(false, x, dy);
}

TEST(FusedBatchNorm, GradientInAnotherLayoutIsTakenAsIs) {
    // Autograd may hand back an NCHW gradient; the result must not depend on it.
    torch::manual_seed(3);
    const torch::Tensor x = channelsLast(torch::randn({4, 16, 5, 5}));
    expectSameStep(true, x, torch::randn({4, 16, 5, 5}));
}

TEST(FusedBatchNorm, OnlyTheInputNeedsNoWeightGradients) {
    // The θ step: the norm's parameters are frozen, the input still needs its gradient.
    torch::manual_seed(4);
    torch::nn::BatchNorm2d bn(8);
    for (auto& p : bn->parameters())
        p.requires_grad_(false);
    torch::Tensor x = channelsLast(torch::randn({4, 8, 6, 6})).requires_grad_();
    FusedBatchNorm::forward(bn, x, true).sum().backward();
    ASSERT_TRUE(x.grad().defined());
    EXPECT_GT(x.grad().abs().sum().item<double>(), 0.0);
    EXPECT_FALSE(bn->weight.grad().defined());
}

TEST(FusedBatchNorm, FallsBackWhereItDoesNotApply) {
    torch::nn::BatchNorm2d bn(8);
    const torch::Tensor cl = channelsLast(torch::randn({4, 8, 6, 6}));
    EXPECT_TRUE(FusedBatchNorm::covers(bn, cl));
    EXPECT_FALSE(FusedBatchNorm::covers(bn, torch::randn({4, 8, 6, 6}))); // NCHW
    EXPECT_FALSE(FusedBatchNorm::covers(bn, cl.to(torch::kDouble)));
    {
        BatchNormHook::Scope hook(
            [](torch::nn::BatchNorm2dImpl& m, const torch::Tensor& x) { return m.forward(x); });
        EXPECT_FALSE(FusedBatchNorm::covers(bn, cl)); // data-parallel statistics go first
    }
    bn->eval();
    EXPECT_FALSE(FusedBatchNorm::covers(bn, cl));
    // Eval mode still normalises (with the running statistics) and applies the ReLU.
    const torch::Tensor y = FusedBatchNorm::forward(bn, cl, true);
    EXPECT_TRUE(torch::allclose(y, bn->forward(cl).relu(), 1e-6, 1e-6));
    EXPECT_GE(y.min().item<double>(), 0.0);
}
