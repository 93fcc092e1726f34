// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/nn/BatchNormHook.h"
#include "engine/nn/IRBlock.h"

#include <gtest/gtest.h>

#include <thread>

using namespace dnas;

TEST(BatchNormHook, WithoutAHookItIsTheModulesForward) {
    torch::manual_seed(3);
    torch::nn::BatchNorm2d a(4), b(4);
    const torch::Tensor x = torch::randn({6, 4, 3, 3});
    EXPECT_TRUE(BatchNormHook::apply(a, x).equal(b->forward(x)));
    EXPECT_TRUE(a->running_mean.equal(b->running_mean));
}

TEST(BatchNormHook, AScopedHookReplacesTrainingModeOnlyOnItsThread) {
    torch::nn::BatchNorm2d bn(2);
    const torch::Tensor x = torch::randn({3, 2, 2, 2});
    int calls = 0;
    {
        BatchNormHook::Scope scope([&](torch::nn::BatchNorm2dImpl&, const torch::Tensor& in) {
            ++calls;
            return in * 0.0;
        });
        EXPECT_EQ(BatchNormHook::apply(bn, x).abs().sum().item<double>(), 0.0);
        bool otherThreadHooked = true;
        std::thread([&] {
            otherThreadHooked = BatchNormHook::apply(bn, x).abs().sum().item<double>() == 0.0;
        }).join();
        EXPECT_FALSE(otherThreadHooked);
        bn->eval(); // evaluation uses the running statistics, never the hook
        EXPECT_GT(BatchNormHook::apply(bn, x).abs().sum().item<double>(), 0.0);
        bn->train();
        // The blocks go through the hook too.
        IRBlock block(*findBuiltinOp("k3_e3"), LayerShape{2, 2, 4, 4, 1}, true);
        block->forward(torch::randn({1, 2, 4, 4}));
        EXPECT_EQ(calls, 1 + 3);
    }
    EXPECT_GT(BatchNormHook::apply(bn, x).abs().sum().item<double>(), 0.0); // removed again
    EXPECT_EQ(calls, 4);
}
