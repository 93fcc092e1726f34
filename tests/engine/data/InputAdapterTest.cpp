// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/data/InputAdapter.h"

#include "engine/util/DnasError.h"

#include <gtest/gtest.h>

using namespace dnas;

TEST(InputAdapter, FashionMnistToCifarShapePadsAndReplicates) {
    const torch::Tensor in = torch::randint(1, 256, {5, 1, 28, 28}, torch::kLong).to(torch::kUInt8);
    const InputAdapter a(3, 32);
    const torch::Tensor out = a.apply(in);
    ASSERT_EQ(out.sizes(), torch::IntArrayRef({5, 3, 32, 32}));
    EXPECT_EQ(out.scalar_type(), torch::kUInt8);
    for (int c = 0; c < 3; ++c)
        EXPECT_TRUE(out.select(1, c).narrow(1, 2, 28).narrow(2, 2, 28).equal(in.select(1, 0)));
    // A 2-px zero border all round.
    EXPECT_EQ(out.narrow(2, 0, 2).count_nonzero().item<int64_t>(), 0);
    EXPECT_EQ(out.narrow(2, 30, 2).count_nonzero().item<int64_t>(), 0);
    EXPECT_EQ(out.narrow(3, 0, 2).count_nonzero().item<int64_t>(), 0);
    EXPECT_EQ(out.narrow(3, 30, 2).count_nonzero().item<int64_t>(), 0);
    EXPECT_EQ(out.count_nonzero().item<int64_t>(), 5 * 3 * 28 * 28);
    EXPECT_EQ(a.describe(1, 28, 28),
              "28x28x1 -> 32x32x3: zero-pad to 32 px (centred), replicate 1 -> 3 channels");
}

TEST(InputAdapter, DatasetApplyChunksAndKeepsLabels) {
    Dataset d;
    d.images = torch::full({3000, 1, 28, 28}, 7, torch::kUInt8);
    d.labels = torch::arange(3000, torch::kLong);
    d.num_classes = 3000;
    const Dataset out = InputAdapter(3, 32).apply(d);
    EXPECT_EQ(out.images.sizes(), torch::IntArrayRef({3000, 3, 32, 32}));
    EXPECT_TRUE(out.images.is_contiguous());
    EXPECT_TRUE(out.labels.equal(d.labels));
    EXPECT_EQ(out.images[2999][2][16][16].item<int>(), 7);
}

TEST(InputAdapter, LuminanceAndShrink) {
    torch::Tensor in = torch::empty({2, 3, 32, 32}, torch::kUInt8);
    in.select(1, 0).fill_(100);
    in.select(1, 1).fill_(50);
    in.select(1, 2).fill_(200);
    const torch::Tensor out = InputAdapter(1, 28).apply(in);
    ASSERT_EQ(out.sizes(), torch::IntArrayRef({2, 1, 28, 28}));
    // 0.299*100 + 0.587*50 + 0.114*200 = 82.05; a constant image stays constant when resized.
    EXPECT_TRUE(out.eq(82).all().item<bool>());
}

TEST(InputAdapter, LargeDifferenceResizesBilinearly) {
    // 28 -> 64 is more than 8 px: resize, not pad. A horizontal ramp stays monotone and fills
    // the whole frame (no zero border).
    const torch::Tensor ramp = (torch::arange(28, torch::kFloat) * 9)
                                   .to(torch::kUInt8)
                                   .view({1, 1, 1, 28})
                                   .expand({1, 1, 28, 28});
    const torch::Tensor out = InputAdapter(1, 64).apply(ramp);
    ASSERT_EQ(out.sizes(), torch::IntArrayRef({1, 1, 64, 64}));
    const torch::Tensor row = out[0][0][10].to(torch::kInt);
    EXPECT_TRUE((row.narrow(0, 1, 63) >= row.narrow(0, 0, 63)).all().item<bool>());
    EXPECT_EQ(out[0][0][0][0].item<int>(), 0);
    EXPECT_EQ(out[0][0][0][63].item<int>(), 27 * 9);
    EXPECT_TRUE(out.select(3, 40).eq(out[0][0][0][40]).all().item<bool>()); // rows identical
}

TEST(InputAdapter, NonSquareResizesShorterSideThenCentreCrops) {
    torch::Tensor in = torch::zeros({1, 3, 20, 40}, torch::kFloat);
    in.narrow(3, 10, 20).fill_(1.0f); // the middle half is bright
    const torch::Tensor out = InputAdapter(3, 16).apply(in);
    ASSERT_EQ(out.sizes(), torch::IntArrayRef({1, 3, 16, 16}));
    EXPECT_EQ(out.scalar_type(), torch::kFloat);
    // 20x40 -> 16x32, centre 16 columns = the bright middle.
    EXPECT_NEAR(out[0][1][8][8].item<float>(), 1.0f, 1e-5);
    EXPECT_GT(out.mean().item<float>(), 0.9f);
}

TEST(InputAdapter, IdentityAndErrors) {
    const torch::Tensor in = torch::ones({2, 3, 32, 32}, torch::kUInt8);
    EXPECT_TRUE(InputAdapter(3, 32).apply(in).is_same(in));
    EXPECT_TRUE(InputAdapter().apply(in).is_same(in));
    EXPECT_EQ(InputAdapter(3, 32).describe(3, 32, 32), "32x32x3: unchanged");
    EXPECT_THROW(InputAdapter(3, 32).apply(torch::ones({1, 4, 32, 32}, torch::kUInt8)), DnasError);
    EXPECT_THROW(InputAdapter(0, 32), DnasError);
}
