// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/data/DataPipeline.h"

#include "engine/util/DnasError.h"
#include "tests/engine/data/DataTestUtil.h"

#include <gtest/gtest.h>

using namespace dnas;
using dnas::testing::TempDir;

TEST(DataSettings, JsonRoundTripAndErrors) {
    const DataSettings d;
    EXPECT_EQ(DataSettings::fromJson(d.toJson()).toJson(), d.toJson());
    EXPECT_FALSE(d.toJson()["augment"].contains("flip")); // automatic
    const DataSettings s =
        DataSettings::fromJson({{"augment", {{"flip", false}, {"crop_padding", 2}}},
                                {"normalization", {{"mean", {0.5}}, {"std", {0.5}}}},
                                {"split", {{"seed", 4}}}});
    EXPECT_FALSE(s.flip_auto);
    EXPECT_FALSE(s.augment.flip);
    EXPECT_EQ(s.augment.crop_padding, 2);
    EXPECT_EQ(s.normalization, "custom");
    EXPECT_EQ(s.split.seed, 4u);
    EXPECT_EQ(DataSettings::fromJson(s.toJson()).toJson(), s.toJson());
    try {
        DataSettings::fromJson({{"normalization", "zscore"}}, "x.study.json");
        FAIL();
    } catch (const DnasError& e) {
        EXPECT_EQ(e.file(), "x.study.json");
        EXPECT_EQ(e.field(), "data.normalization");
    }
}

TEST(DataPipeline, SyntheticDigitsNoFlipAndIteratorsCoverTheirSplits) {
    TempDir d;
    dnas::testing::writeIdxSet(d.str(), "train", 400, 28, 28, 10, true);
    dnas::testing::writeIdxSet(d.str(), "t10k", 50, 28, 28, 10, true);
    DatasetSpec spec;
    spec.path = d.str();
    DataSettings settings;
    settings.split.val_fraction = 0.1;
    const DataPipeline p(spec, 3, 32, settings);
    EXPECT_EQ(p.kind(), "idx");
    EXPECT_FALSE(p.augmenter().flips()); // digits: a mirrored 2 is not a 2
    EXPECT_EQ(p.augmenter().padding(), 4);
    EXPECT_EQ(p.split().validation().size(0), 40);
    EXPECT_EQ(p.split().theta().size(0), 72);
    EXPECT_EQ(p.split().weights().size(0), 288);
    EXPECT_EQ(p.normalizer().stats().mean.size(), 3u);

    BatchIterator w = p.weights(32);
    EXPECT_EQ(w.batchesPerEpoch(), 9);
    Batch b;
    ASSERT_TRUE(w.next(b));
    EXPECT_EQ(b.images.sizes(), torch::IntArrayRef({32, 3, 32, 32}));
    EXPECT_TRUE(b.images.is_contiguous(at::MemoryFormat::ChannelsLast));

    // Validation: fixed order, no augmentation, exactly its samples, twice the same.
    BatchIterator v = p.validation(16);
    std::vector<torch::Tensor> labels, images;
    while (v.next(b)) {
        labels.push_back(b.labels);
        images.push_back(b.images);
    }
    EXPECT_EQ(torch::cat(labels).size(0), 40);
    EXPECT_TRUE(v.order().equal(p.split().validation()));
    v.startEpoch(1);
    ASSERT_TRUE(v.next(b));
    EXPECT_TRUE(b.images.equal(images.front()));

    BatchIterator t = p.test(64);
    EXPECT_EQ(t.batchesPerEpoch(), 1);
    ASSERT_TRUE(t.next(b));
    EXPECT_EQ(b.labels.size(0), 50);

    const nlohmann::json j = p.describe();
    EXPECT_EQ(j["train_size"], 400);
    EXPECT_EQ(j["input"]["channels"], 3);
    EXPECT_EQ(j["adapter"],
              "28x28x1 -> 32x32x3: zero-pad to 32 px (centred), replicate 1 -> 3 channels");
    EXPECT_EQ(j["augmentation"]["horizontal_flip"], false);
    EXPECT_EQ(j["normalization"]["mean"].size(), 3u);
    EXPECT_EQ(j["split"]["sizes"]["weights"], 288);
}

TEST(DataPipeline, FashionMnistIntoACifarShapedSpace) {
    if (!dnas::testing::haveFashionMnist())
        GTEST_SKIP() << "Fashion-MNIST not installed";
    DataSettings settings;
    settings.normalization = "constants";
    const DataPipeline p(DatasetSpec::fashionMnist(), 3, 32, settings);
    EXPECT_EQ(p.split().weights().size(0), 45600);
    EXPECT_EQ(p.split().theta().size(0), 11400);
    EXPECT_EQ(p.split().validation().size(0), 3000);
    EXPECT_TRUE(p.augmenter().flips());
    EXPECT_EQ(p.normalizer().stats().source, "constants: fashion-mnist");
    EXPECT_EQ(p.describe()["class_names"][9], "Ankle boot");
    // One epoch of θ batches: full batches only (its speed: bench/data_pipeline_bench).
    BatchIterator th = p.theta(256);
    Batch b;
    int64_t n = 0;
    while (th.next(b))
        n += b.images.size(0);
    EXPECT_EQ(n, 11264);
}
