// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/search/GumbelMixer.h"

#include <gtest/gtest.h>

using namespace dnas;

// Gumbel-max: argmax(θ + g) is distributed as softmax(θ), whatever the temperature.
TEST(GumbelMixer, ArgmaxFrequenciesFollowSoftmax) {
    auto gen = at::detail::createCPUGenerator(123);
    const torch::Tensor theta = torch::tensor({1.0, 0.0, -1.0, 0.5});
    const torch::Tensor p = torch::softmax(theta, 0);
    constexpr int kDraws = 20000;
    std::vector<int> counts(4, 0);
    for (int i = 0; i < kDraws; ++i) {
        const auto mix = GumbelMixer::sample({theta}, 2.0, false, gen);
        counts[mix[0].argmax().item<int64_t>()]++;
    }
    for (int k = 0; k < 4; ++k) // 4 standard errors at 20000 draws is < 0.015
        EXPECT_NEAR(counts[k] / double(kDraws), p[k].item<double>(), 0.015) << "op " << k;
}

TEST(GumbelMixer, SoftMixSumsToOneAndSharpensWithLowTemperature) {
    auto gen = at::detail::createCPUGenerator(5);
    const torch::Tensor theta = torch::tensor({0.3, 0.1, 0.0});
    double maxHot = 0, maxCold = 0;
    for (int i = 0; i < 200; ++i) {
        const auto hot = GumbelMixer::sample({theta}, 5.0, false, gen)[0];
        const auto cold = GumbelMixer::sample({theta}, 0.1, false, gen)[0];
        EXPECT_NEAR(hot.sum().item<double>(), 1.0, 1e-5);
        maxHot += hot.max().item<double>();
        maxCold += cold.max().item<double>();
    }
    EXPECT_GT(maxCold / 200, 0.9);
    EXPECT_LT(maxHot / 200, 0.6);
}

TEST(GumbelMixer, HardIsOneHotForwardWithSoftGradient) {
    auto g1 = at::detail::createCPUGenerator(9);
    auto g2 = at::detail::createCPUGenerator(9);
    auto theta = torch::tensor({0.2, -0.4, 0.1}, torch::requires_grad());
    const auto hard = GumbelMixer::sample({theta}, 1.0, true, g1)[0];
    EXPECT_EQ((hard == 0).sum().item<int64_t>(), 2); // exact zeros: sparse forward skips them
    EXPECT_NEAR(hard.sum().item<double>(), 1.0, 1e-6);
    const auto w = torch::tensor({1.0, 2.0, 3.0});
    (hard * w).sum().backward();
    const auto gradHard = theta.grad().clone();
    theta.grad().zero_();
    (GumbelMixer::sample({theta}, 1.0, false, g2)[0] * w).sum().backward();
    EXPECT_TRUE(torch::allclose(gradHard, theta.grad(), 1e-6, 1e-7));
}

TEST(GumbelMixer, ProbabilitiesAndEntropy) {
    const auto probs = GumbelMixer::probabilities({torch::zeros({4}), torch::tensor({100.0, 0.0})});
    ASSERT_EQ(probs.size(), 2u);
    EXPECT_NEAR(GumbelMixer::entropy(probs[0]), std::log(4.0), 1e-12);
    EXPECT_NEAR(GumbelMixer::entropy(probs[1]), 0.0, 1e-12);
}

TEST(GumbelMixer, PairsDrawTheActivePathFromSoftmaxAndAnotherOne) {
    auto gen = at::detail::createCPUGenerator(321);
    const torch::Tensor theta = torch::tensor({1.0f, 0.0f, -1.0f, 0.5f});
    const torch::Tensor p = torch::softmax(theta, 0);
    constexpr int kDraws = 20000;
    std::vector<int> active(4, 0), other(4, 0);
    for (int i = 0; i < kDraws; ++i) {
        const auto pairs = GumbelMixer::samplePairs({theta}, gen);
        const auto& path = pairs.paths[0];
        ASSERT_EQ(path.size(), 2u);
        ASSERT_NE(path[0], path[1]);
        // Forward: the one-hot of the active path.
        ASSERT_FLOAT_EQ(pairs.mix[0][path[0]].item<float>(), 1.0f);
        ASSERT_FLOAT_EQ(pairs.mix[0].sum().item<float>(), 1.0f);
        active[static_cast<size_t>(path[0])]++;
        other[static_cast<size_t>(path[1])]++;
    }
    for (int k = 0; k < 4; ++k)
        EXPECT_NEAR(active[k] / double(kDraws), p[k].item<double>(), 0.015) << "op " << k;
    // The second is drawn from the rest: P(k second) = Σ_i p_i p_k / (1 - p_i), i != k.
    for (int k = 0; k < 4; ++k) {
        double expected = 0.0;
        for (int i = 0; i < 4; ++i)
            if (i != k)
                expected += p[i].item<double>() * p[k].item<double>() / (1.0 - p[i].item<double>());
        EXPECT_NEAR(other[k] / double(kDraws), expected, 0.015) << "op " << k;
    }
}

TEST(GumbelMixer, PairGradientComparesTheTwoCandidates) {
    auto gen = at::detail::createCPUGenerator(7);
    const torch::Tensor theta = torch::tensor({0.2f, -0.4f, 0.9f}).requires_grad_();
    const auto pairs = GumbelMixer::samplePairs({theta}, gen);
    // A loss linear in the gates: dL/dg_k = c_k.
    const torch::Tensor c = torch::tensor({3.0f, -1.0f, 2.0f});
    (pairs.mix[0] * c).sum().backward();
    const int64_t i = pairs.paths[0][0], j = pairs.paths[0][1];
    const float si = torch::softmax(torch::stack({theta[i], theta[j]}), 0)[0].item<float>();
    // Over the pair: dL/dθ_i = s_i s_j (c_i - c_j) = -dL/dθ_j; the third θ gets nothing.
    const float expected = si * (1 - si) * (c[i].item<float>() - c[j].item<float>());
    EXPECT_NEAR(theta.grad()[i].item<float>(), expected, 1e-6);
    EXPECT_NEAR(theta.grad()[j].item<float>(), -expected, 1e-6);
    EXPECT_EQ(theta.grad()[3 - i - j].item<float>(), 0.0f);
}
