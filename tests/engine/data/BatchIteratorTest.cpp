// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/data/BatchIterator.h"

#include "engine/util/DnasError.h"

#include <gtest/gtest.h>

using namespace dnas;

namespace {
// Sample i has every pixel equal to i % 256 and label i, so batches can be traced to samples.
Dataset traced(int64_t n, int64_t c = 1, int64_t s = 4) {
    Dataset d;
    d.images = (torch::arange(n, torch::kLong) % 256)
                   .to(torch::kUInt8)
                   .view({n, 1, 1, 1})
                   .expand({n, c, s, s})
                   .contiguous();
    d.labels = torch::arange(n, torch::kLong);
    d.num_classes = int(n);
    d.source = "traced";
    return d;
}
} // namespace

TEST(BatchIterator, EachSampleExactlyOncePerEpoch) {
    BatchIterator it(traced(103), {}, BatchOptions{10, true, false, 1});
    EXPECT_EQ(it.batchesPerEpoch(), 11);
    for (int64_t epoch = 0; epoch < 2; ++epoch) {
        it.startEpoch(epoch);
        std::vector<torch::Tensor> seen;
        Batch b;
        int batches = 0;
        while (it.next(b)) {
            ++batches;
            seen.push_back(b.labels);
        }
        EXPECT_EQ(batches, 11);
        EXPECT_EQ(seen.back().size(0), 3);
        const torch::Tensor all = torch::cat(seen);
        EXPECT_TRUE(std::get<0>(all.sort()).equal(torch::arange(103, torch::kLong)));
        EXPECT_FALSE(all.equal(torch::arange(103, torch::kLong))); // shuffled
    }
}

TEST(BatchIterator, DropLastAndSubset) {
    const torch::Tensor subset = torch::arange(0, 200, 2, torch::kLong); // even samples only
    BatchIterator it(traced(200), subset, BatchOptions{32, true, true, 4});
    EXPECT_EQ(it.size(), 100);
    EXPECT_EQ(it.batchesPerEpoch(), 3);
    Batch b;
    int batches = 0;
    std::vector<torch::Tensor> seen;
    while (it.next(b)) {
        ++batches;
        EXPECT_EQ(b.labels.size(0), 32);
        seen.push_back(b.labels);
    }
    EXPECT_EQ(batches, 3);
    const torch::Tensor all = torch::cat(seen);
    EXPECT_EQ(std::get<0>(at::_unique(all)).size(0), 96);
    EXPECT_TRUE((all % 2 == 0).all().item<bool>());
    EXPECT_THROW(BatchIterator(traced(10), {}, BatchOptions{64, true, true, 0}), DnasError);
}

TEST(BatchIterator, OrderIsSeededPerEpoch) {
    BatchIterator a(traced(50), {}, BatchOptions{8, true, false, 3});
    BatchIterator b(traced(50), {}, BatchOptions{8, true, false, 3});
    a.startEpoch(0);
    b.startEpoch(5); // resuming straight at epoch 5 ...
    const torch::Tensor e0 = a.order().clone();
    for (int e = 1; e <= 5; ++e)
        a.startEpoch(e);
    EXPECT_TRUE(a.order().equal(b.order())); // ... gives what epoch 5 of a full run gives
    EXPECT_FALSE(a.order().equal(e0));
    BatchIterator c(traced(50), {}, BatchOptions{8, false, false, 3});
    c.startEpoch(2);
    EXPECT_TRUE(c.order().equal(torch::arange(50, torch::kLong)));
}

TEST(BatchIterator, BatchesAreAdaptedNormalisedChannelsLast) {
    const Normalizer norm(NormStats{{0.5, 0.5, 0.5}, {0.25, 0.25, 0.25}, "test"});
    BatchIterator it(traced(20, 1, 28), {}, BatchOptions{6, false, false, 0}, InputAdapter(3, 32),
                     norm);
    Batch b;
    ASSERT_TRUE(it.next(b));
    EXPECT_EQ(b.images.sizes(), torch::IntArrayRef({6, 3, 32, 32}));
    EXPECT_EQ(b.images.scalar_type(), torch::kFloat);
    EXPECT_TRUE(b.images.is_contiguous(at::MemoryFormat::ChannelsLast));
    // Sample 5: pixel 5 -> (5/255 - 0.5)/0.25; border (padding) 0 -> -2.
    EXPECT_NEAR(b.images[5][2][16][16].item<float>(), (5.0f / 255.0f - 0.5f) / 0.25f, 1e-5);
    EXPECT_NEAR(b.images[5][0][0][0].item<float>(), -2.0f, 1e-5);
    EXPECT_EQ(b.labels[5].item<int64_t>(), 5);
}

// Its speed is bench/data_pipeline_bench's "batch_pipeline_img_s".
TEST(BatchIterator, AugmentedPipelineCoversTheEpoch) {
    // Fashion-MNIST-like: 28x28x1 -> 32x32x3, crop+flip, normalise, batch 256.
    Dataset d;
    d.images = torch::randint(0, 256, {4096, 1, 28, 28}, torch::kLong).to(torch::kUInt8);
    d.labels = torch::randint(0, 10, {4096}, torch::kLong);
    d.num_classes = 10;
    const InputAdapter adapter(3, 32);
    const Normalizer norm(Normalizer::compute(d.images, {}, adapter));
    BatchIterator it(d, {}, BatchOptions{256, true, true, 9}, adapter, norm,
                     Augmenter(AugmentOptions{}, 32));
    Batch b;
    it.next(b); // warm-up
    it.startEpoch(1);
    int64_t images = 0;
    while (it.next(b))
        images += b.images.size(0);
    EXPECT_EQ(images, 4096);
    EXPECT_TRUE(b.images.is_contiguous(at::MemoryFormat::ChannelsLast));
    // Normalised with the batch's own data stats: close to zero mean, unit std.
    EXPECT_NEAR(b.images.mean().item<float>(), 0.0f, 0.2f);
}
