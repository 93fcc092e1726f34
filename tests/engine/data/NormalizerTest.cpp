// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/data/Normalizer.h"

#include "engine/data/IdxReader.h"
#include "engine/util/DnasError.h"
#include "tests/engine/data/DataTestUtil.h"

#include <gtest/gtest.h>

using namespace dnas;

TEST(Normalizer, ComputedStatsOfAKnownTensor) {
    // Channel 0: half 0, half 255 -> mean 0.5, std 0.5. Channel 1: all 51 -> mean 0.2, std
    // floored at 1/255.
    torch::Tensor x = torch::zeros({4, 2, 2, 2}, torch::kUInt8);
    x.select(1, 0).narrow(0, 0, 2).fill_(255);
    x.select(1, 1).fill_(51);
    const NormStats s = Normalizer::compute(x);
    ASSERT_EQ(s.mean.size(), 2u);
    EXPECT_NEAR(s.mean[0], 0.5, 1e-12);
    EXPECT_NEAR(s.std[0], 0.5, 1e-12);
    EXPECT_NEAR(s.mean[1], 0.2, 1e-12);
    EXPECT_NEAR(s.std[1], 1.0 / 255.0, 1e-12);
    // Indices select a subset: only the 255 images.
    const NormStats t = Normalizer::compute(x, torch::tensor({0, 1}, torch::kLong));
    EXPECT_NEAR(t.mean[0], 1.0, 1e-12);
}

TEST(Normalizer, StatsSeeTheAdaptedInput) {
    // All-255 28x28 padded to 32x32x3: 784 of 1024 pixels are bright in every channel.
    const torch::Tensor x = torch::full({3, 1, 28, 28}, 255, torch::kUInt8);
    const NormStats s = Normalizer::compute(x, {}, InputAdapter(3, 32));
    ASSERT_EQ(s.mean.size(), 3u);
    const double p = 784.0 / 1024.0;
    for (int c = 0; c < 3; ++c) {
        EXPECT_NEAR(s.mean[size_t(c)], p, 1e-12);
        EXPECT_NEAR(s.std[size_t(c)], std::sqrt(p * (1 - p)), 1e-12);
    }
}

TEST(Normalizer, ApplyUint8AndFloat) {
    const Normalizer n(NormStats{{0.5, 0.25}, {0.5, 0.125}, "test"});
    torch::Tensor x = torch::empty({1, 2, 1, 2}, torch::kUInt8);
    x[0][0][0][0] = 0;
    x[0][0][0][1] = 255;
    x[0][1][0][0] = 51;  // 0.2
    x[0][1][0][1] = 102; // 0.4
    const torch::Tensor y = n.apply(x);
    EXPECT_EQ(y.scalar_type(), torch::kFloat);
    EXPECT_NEAR(y[0][0][0][0].item<float>(), -1.0f, 1e-5);
    EXPECT_NEAR(y[0][0][0][1].item<float>(), 1.0f, 1e-5);
    EXPECT_NEAR(y[0][1][0][0].item<float>(), -0.4f, 1e-5);
    EXPECT_NEAR(y[0][1][0][1].item<float>(), 1.2f, 1e-5);
    EXPECT_TRUE(n.apply(x.to(torch::kFloat) / 255.0).allclose(y, 1e-5, 1e-5));
}

TEST(Normalizer, KnownConstantsAndJson) {
    const NormStats c = Normalizer::known("cifar10", 3);
    EXPECT_NEAR(c.mean[0], 0.4914, 1e-9);
    EXPECT_EQ(c.source, "constants: cifar10");
    const NormStats f3 = Normalizer::known("fashion-mnist", 3);
    EXPECT_EQ(f3.mean, (std::vector<double>{0.2860, 0.2860, 0.2860}));
    EXPECT_EQ(Normalizer::known("imagenet", 1).mean.size(), 1u);
    EXPECT_THROW(Normalizer::known("svhn", 3), DnasError);
    const NormStats r = NormStats::fromJson(c.toJson());
    EXPECT_EQ(r.mean, c.mean);
    EXPECT_EQ(r.std, c.std);
    EXPECT_THROW(NormStats::fromJson({{"mean", {0.5}}, {"std", {0.0}}}), DnasError);
}

TEST(Normalizer, FashionMnistMatchesPublishedConstants) {
    if (!dnas::testing::haveFashionMnist())
        GTEST_SKIP() << "Fashion-MNIST not installed";
    const torch::Tensor x =
        IdxReader::readImages(dnas::testing::fashionMnistDir() + "/train-images-idx3-ubyte.gz");
    const NormStats s = Normalizer::compute(x);
    std::printf("[ measure  ] Fashion-MNIST train mean %.4f std %.4f\n", s.mean[0], s.std[0]);
    EXPECT_NEAR(s.mean[0], 0.2860, 0.0005);
    EXPECT_NEAR(s.std[0], 0.3530, 0.0005);
}
