// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/data/Augmenter.h"

#include <gtest/gtest.h>

using namespace dnas;

namespace {
// (B, 2, 5, 6) with distinct values 1.. so every pixel can be traced.
torch::Tensor known(int64_t b = 3) {
    return (torch::arange(b * 2 * 5 * 6, torch::kLong) % 250 + 1)
        .to(torch::kUInt8)
        .view({b, 2, 5, 6});
}
} // namespace

TEST(Augmenter, DefaultPaddingScalesWithSize) {
    EXPECT_EQ(Augmenter::defaultPadding(32), 4);
    EXPECT_EQ(Augmenter::defaultPadding(28), 4);
    EXPECT_EQ(Augmenter::defaultPadding(16), 2);
    EXPECT_EQ(Augmenter::defaultPadding(64), 8);
    EXPECT_EQ(Augmenter::defaultPadding(4), 1);
    EXPECT_EQ(Augmenter(AugmentOptions{}, 224).padding(), 28);
}

TEST(Augmenter, CentredOffsetIsIdentityAndFlipMirrors) {
    const torch::Tensor x = known();
    EXPECT_TRUE(Augmenter::apply(x, 2, {2, 2, 2}, {2, 2, 2}, {false, false, false}).equal(x));
    const torch::Tensor f = Augmenter::apply(x, 2, {2, 2, 2}, {2, 2, 2}, {true, false, true});
    EXPECT_TRUE(f[0].equal(x[0].flip({2})));
    EXPECT_TRUE(f[1].equal(x[1]));
    EXPECT_TRUE(f[2].equal(x[2].flip({2})));
}

TEST(Augmenter, CropShiftsContentAndFillsZeros) {
    const torch::Tensor x = known(1);
    // Offset (0, 0) into the 2-px padded image: content moves down-right by 2, zeros enter.
    const torch::Tensor y = Augmenter::apply(x, 2, {0}, {0}, {false});
    EXPECT_EQ(y.narrow(2, 0, 2).count_nonzero().item<int64_t>(), 0);
    EXPECT_EQ(y.narrow(3, 0, 2).count_nonzero().item<int64_t>(), 0);
    EXPECT_TRUE(y.narrow(2, 2, 3).narrow(3, 2, 4).equal(x.narrow(2, 0, 3).narrow(3, 0, 4)));
    // Offset (4, 3): up by 2 rows, right-left unchanged (3 - 2 = 1 column left).
    const torch::Tensor z = Augmenter::apply(x, 2, {4}, {3}, {false});
    EXPECT_TRUE(z.narrow(2, 0, 3).narrow(3, 0, 5).equal(x.narrow(2, 2, 3).narrow(3, 1, 5)));
    EXPECT_EQ(z.narrow(2, 3, 2).count_nonzero().item<int64_t>(), 0);
    // Crop and flip together: out(y, x) = padded(y + dy, dx + W-1-x).
    const torch::Tensor w = Augmenter::apply(x, 2, {2}, {1}, {true});
    // Flipping inside the crop window: the same as cropping, then flipping the crop.
    EXPECT_TRUE(w.equal(Augmenter::apply(x, 2, {2}, {1}, {false}).flip({3})));
    EXPECT_EQ(w[0][1][3][0].item<int>(), x[0][1][3][4].item<int>()); // padded col 1+5=6 -> x col 4
    EXPECT_EQ(w[0][1][3][5].item<int>(), 0);                         // padded col 1 -> zero pad
}

TEST(Augmenter, RandomApplyIsSeededAndOnlyCropsAndFlips) {
    const torch::Tensor x = known(64);
    const Augmenter a(AugmentOptions{true, 2, true}, 5);
    SeededRng r1(11), r2(11), r3(12);
    const torch::Tensor y1 = a.apply(x, r1), y2 = a.apply(x, r2), y3 = a.apply(x, r3);
    EXPECT_EQ(y1.sizes(), x.sizes());
    EXPECT_EQ(y1.scalar_type(), torch::kUInt8);
    EXPECT_TRUE(y1.equal(y2));
    EXPECT_FALSE(y1.equal(y3));
    // Every output image is one of the 5*5*2 allowed transforms of its input.
    for (int64_t i = 0; i < 64; ++i) {
        bool found = false;
        for (int64_t dy = 0; dy <= 4 && !found; ++dy)
            for (int64_t dx = 0; dx <= 4 && !found; ++dx)
                for (bool f : {false, true})
                    if (Augmenter::apply(x.narrow(0, i, 1), 2, {dy}, {dx}, {f})
                            .equal(y1.narrow(0, i, 1)))
                        found = true;
        EXPECT_TRUE(found) << "image " << i;
    }
    const Augmenter off(AugmentOptions{false, 4, true}, 5);
    EXPECT_TRUE(off.apply(x, r1).is_same(x));
}
