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
