// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/data/IdxReader.h"

#include "engine/util/DnasError.h"
#include "tests/engine/data/DataTestUtil.h"

#include <gtest/gtest.h>

#include <filesystem>

using namespace dnas;
using dnas::testing::expectError;
using dnas::testing::TempDir;

TEST(IdxReader, RealFashionMnist) {
    if (!dnas::testing::haveFashionMnist())
        GTEST_SKIP() << "Fashion-MNIST not installed";
    // How long this load takes: bench/data_pipeline_bench ("fmnist_load_s").
    const DatasetPair p = IdxReader::load(dnas::testing::fashionMnistDir());
    EXPECT_EQ(p.train.images.sizes(), torch::IntArrayRef({60000, 1, 28, 28}));
    EXPECT_EQ(p.test.images.sizes(), torch::IntArrayRef({10000, 1, 28, 28}));
    EXPECT_EQ(p.train.images.scalar_type(), torch::kUInt8);
    EXPECT_EQ(p.train.labels.scalar_type(), torch::kLong);
    EXPECT_EQ(p.train.num_classes, 10);
    EXPECT_EQ(p.train.labels[0].item<int64_t>(), 9);
    EXPECT_EQ(p.train.class_names[9], "Ankle boot");
    // Balanced: 6000 per class in train, 1000 in test.
    EXPECT_TRUE(torch::bincount(p.train.labels).eq(6000).all().item<bool>());
    EXPECT_TRUE(torch::bincount(p.test.labels).eq(1000).all().item<bool>());
    // A limit reads the same prefix.
    const torch::Tensor first = IdxReader::readImages(p.train.source, 100);
    EXPECT_TRUE(first.equal(p.train.images.narrow(0, 0, 100)));
    const auto c = IdxReader::check(dnas::testing::fashionMnistDir());
    EXPECT_EQ(c, (std::vector<int64_t>{60000, 10000, 28, 28}));
}

TEST(IdxReader, SyntheticRawAndGzip) {
    for (bool gz : {false, true}) {
        TempDir d;
        dnas::testing::writeIdxSet(d.str(), "train", 12, 5, 4, 3, gz);
        dnas::testing::writeIdxSet(d.str(), "t10k", 6, 5, 4, 3, gz);
        const DatasetPair p = IdxReader::load(d.str(), -1, -1, 3);
        ASSERT_EQ(p.train.images.sizes(), torch::IntArrayRef({12, 1, 5, 4}));
        EXPECT_EQ(p.train.images[3][0][1][2].item<int>(), (3 * 7 + 1 * 4 + 2) % 256);
        EXPECT_EQ(p.train.labels[5].item<int64_t>(), 2);
        EXPECT_EQ(p.test.size(), 6);
        EXPECT_EQ(p.train.class_names, (std::vector<std::string>{"0", "1", "2"}));
        const DatasetPair lim = IdxReader::load(d.str(), 4, 2, 3);
        EXPECT_EQ(lim.train.size(), 4);
        EXPECT_EQ(lim.test.size(), 2);
        EXPECT_TRUE(lim.train.images.equal(p.train.images.narrow(0, 0, 4)));
    }
}

TEST(IdxReader, BadMagic) {
    TempDir d;
    auto bytes = dnas::testing::idxBytes({2, 2, 2}, std::vector<uint8_t>(8, 1));
    bytes[0] = 0x50; // "PK…": e.g. a zip file renamed
    dnas::testing::writeFile(d / "train-images-idx3-ubyte", bytes);
    expectError([&] { IdxReader::readImages(d / "train-images-idx3-ubyte"); },
                "train-images-idx3-ubyte", "magic");
}

TEST(IdxReader, UnsupportedElementType) {
    TempDir d;
    dnas::testing::writeFile(d / "x-idx3-ubyte",
                             dnas::testing::idxBytes({1, 2, 2}, std::vector<uint8_t>(16), 0x0D));
    expectError([&] { IdxReader::readImages(d / "x-idx3-ubyte"); }, "x-idx3-ubyte", "type");
}

TEST(IdxReader, TruncatedRawFile) {
    TempDir d;
    // Header says 5 images of 3x3; only 3 are there.
    dnas::testing::writeFile(d / "t-idx3-ubyte",
                             dnas::testing::idxBytes({5, 3, 3}, std::vector<uint8_t>(27, 9)));
    expectError([&] { IdxReader::readImages(d / "t-idx3-ubyte"); }, "t-idx3-ubyte", "truncated");
}

TEST(IdxReader, TruncatedGzipFile) {
    TempDir d;
    std::vector<uint8_t> px(20 * 28 * 28);
    for (size_t i = 0; i < px.size(); ++i)
        px[i] = uint8_t((i * 2654435761u) >> 24);
    const std::string path = d / "train-images-idx3-ubyte.gz";
    dnas::testing::writeGz(path, dnas::testing::idxBytes({20, 28, 28}, px));
    std::filesystem::resize_file(path, std::filesystem::file_size(path) / 2);
    expectError([&] { IdxReader::readImages(path); }, "train-images-idx3-ubyte.gz", "truncated");
    // A limit that only needs the intact part is still refused: the trailer is gone.
    expectError([&] { IdxReader::readImages(path, 1); }, "train-images-idx3-ubyte.gz", "truncated");
}

TEST(IdxReader, CountDisagreesWithFileSize) {
    TempDir d;
    // Raw file with 2 extra bytes of trailing data.
    auto bytes = dnas::testing::idxBytes({2, 2, 2}, std::vector<uint8_t>(10, 1));
    dnas::testing::writeFile(d / "a-idx3-ubyte", bytes);
    expectError([&] { IdxReader::readHeader(d / "a-idx3-ubyte"); }, "a-idx3-ubyte",
                "trailing data");
    // Gzip whose header claims more images than were compressed.
    dnas::testing::writeGz(d / "b-idx3-ubyte.gz",
                           dnas::testing::idxBytes({9, 2, 2}, std::vector<uint8_t>(8, 1)));
    expectError([&] { IdxReader::readImages(d / "b-idx3-ubyte.gz"); }, "b-idx3-ubyte.gz",
                "gzip trailer");
}

TEST(IdxReader, HugeClaimedCountRefusedBeforeAllocating) {
    TempDir d;
    // 4e9 x 28 x 28 = 3 TB: refused from the header alone.
    dnas::testing::writeGz(
        d / "h-idx3-ubyte.gz",
        dnas::testing::idxBytes({4000000000u, 28, 28}, std::vector<uint8_t>(784)));
    expectError([&] { IdxReader::readImages(d / "h-idx3-ubyte.gz"); }, "h-idx3-ubyte.gz", "absurd");
    // 10^9 x 28 x 28 (784 GB) in a ~1 kB gzip: more than deflate can hold.
    dnas::testing::writeGz(
        d / "g-idx3-ubyte.gz",
        dnas::testing::idxBytes({1000000000u, 28, 28}, std::vector<uint8_t>(784)));
    expectError([&] { IdxReader::readImages(d / "g-idx3-ubyte.gz"); }, "g-idx3-ubyte.gz",
                "can hold");
    // The same claim in a raw file: disagrees with the file size.
    dnas::testing::writeFile(
        d / "r-idx3-ubyte",
        dnas::testing::idxBytes({1000000000u, 28, 28}, std::vector<uint8_t>(784)));
    expectError([&] { IdxReader::readImages(d / "r-idx3-ubyte"); }, "r-idx3-ubyte", "truncated");
    // 2^17 x 6·2^20 x 28·2^24 = 21·2^64 wraps to 0 in 64 bits, which a 16-byte file "holds":
    // found by FuzzIdx (corpus/FuzzIdx/wrapping-dims); refused before the multiplication.
    dnas::testing::writeFile(d / "w-idx3-ubyte",
                             dnas::testing::idxBytes({131072u, 6291456u, 469762048u}, {}));
    expectError([&] { IdxReader::readImages(d / "w-idx3-ubyte"); }, "w-idx3-ubyte", "absurd");
}

TEST(IdxReader, LabelCountDiffersFromImageCount) {
    TempDir d;
    dnas::testing::writeIdxSet(d.str(), "train", 5, 2, 2, 2, true);
    dnas::testing::writeIdxSet(d.str(), "t10k", 3, 2, 2, 2, true);
    dnas::testing::writeGz(d / "train-labels-idx1-ubyte.gz",
                           dnas::testing::idxBytes({4}, std::vector<uint8_t>(4, 0)));
    expectError([&] { IdxReader::load(d.str(), -1, -1, 2); }, "train-labels-idx1-ubyte.gz",
                "label count 4 != image count 5");
    expectError([&] { IdxReader::check(d.str()); }, "train-labels-idx1-ubyte.gz", "label count");
}

TEST(IdxReader, LabelOutOfRange) {
    TempDir d;
    dnas::testing::writeIdxSet(d.str(), "train", 5, 2, 2, 2, false);
    dnas::testing::writeIdxSet(d.str(), "t10k", 3, 2, 2, 2, false);
    dnas::testing::writeFile(d / "train-labels-idx1-ubyte",
                             dnas::testing::idxBytes({5}, {0, 1, 0, 12, 1}));
    expectError([&] { IdxReader::load(d.str(), -1, -1, 10); }, "train-labels-idx1-ubyte",
                "label[3]");
}

TEST(IdxReader, MissingFilesAndWrongDims) {
    TempDir d;
    expectError([&] { IdxReader::load(d.str()); }, d.str(), "train-images");
    dnas::testing::writeIdxSet(d.str(), "train", 2, 2, 2, 2, false);
    dnas::testing::writeIdxSet(d.str(), "t10k", 2, 2, 2, 2, false);
    // Labels file given where images are expected.
    expectError([&] { IdxReader::readImages(d / "train-labels-idx1-ubyte"); },
                "train-labels-idx1-ubyte", "idx3");
}
