// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/data/ImageFolderReader.h"

#include "engine/util/DnasError.h"
#include "tests/engine/data/DataTestUtil.h"

#include <gtest/gtest.h>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wunused-function"
#endif
#include <stb/stb_image_write.h>
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

#include <filesystem>

using namespace dnas;
using dnas::testing::expectError;
using dnas::testing::TempDir;
namespace fs = std::filesystem;

namespace {

uint8_t value(int id, int c, int y, int x) {
    return uint8_t((id * 11 + c * 50 + y * 3 + x) % 256);
}

// An image whose pixels encode `id`, so the test can tell which file landed where.
void writePng(const std::string& path, int id, int w, int h, int comp) {
    fs::create_directories(fs::path(path).parent_path());
    std::vector<uint8_t> px;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            for (int c = 0; c < comp; ++c)
                px.push_back(value(id, c, y, x));
    ASSERT_TRUE(stbi_write_png(path.c_str(), w, h, comp, px.data(), w * comp));
}

// classes a (3 images), b (2), c (4) with ids 100*class + i.
void writeClasses(const std::string& root, int comp, int size = 6) {
    const int counts[3] = {3, 2, 4};
    const char* names[3] = {"a", "b", "c"};
    for (int k = 0; k < 3; ++k)
        for (int i = 0; i < counts[k]; ++i)
            writePng(root + "/" + names[k] + "/img" + std::to_string(i) + ".png", 100 * k + i, size,
                     size, comp);
}

} // namespace

TEST(ImageFolderReader, TrainTestLayoutRgb) {
    TempDir d;
    writeClasses(d / "train", 3);
    writePng(d / "test/b/x.png", 900, 6, 6, 3);
    writePng(d / "test/c/y.jpg.png", 901, 6, 6, 3);
    EXPECT_TRUE(ImageFolderReader::looksLike(d.str()));
    const DatasetPair p = ImageFolderReader::load(d.str(), {});
    ASSERT_EQ(p.train.images.sizes(), torch::IntArrayRef({9, 3, 6, 6}));
    ASSERT_EQ(p.test.images.sizes(), torch::IntArrayRef({2, 3, 6, 6}));
    EXPECT_EQ(p.train.class_names, (std::vector<std::string>{"a", "b", "c"}));
    // Interleaved order: a0 b0 c0 a1 b1 c1 a2 c2 c3.
    EXPECT_EQ(p.train.labels.equal(torch::tensor({0, 1, 2, 0, 1, 2, 0, 2, 2}, torch::kLong)), true);
    EXPECT_EQ(p.train.images[4][2][3][1].item<int>(), value(101, 2, 3, 1)); // b1
    EXPECT_EQ(p.train.images[8][0][5][5].item<int>(), value(203, 0, 5, 5)); // c3
    // Test labels index the training classes even though test/ has no "a".
    EXPECT_EQ(p.test.labels[0].item<int64_t>(), 1);
    EXPECT_EQ(p.test.labels[1].item<int64_t>(), 2);
    EXPECT_EQ(p.test.images[1][1][0][2].item<int>(), value(901, 1, 0, 2));
    EXPECT_EQ(ImageFolderReader::check(d.str()), (std::vector<int64_t>{9, 2, 3}));
}

TEST(ImageFolderReader, GrayscaleAutoChannelsAndLimit) {
    TempDir d;
    writeClasses(d / "train", 1);
    writeClasses(d / "val", 1);
    const DatasetPair p = ImageFolderReader::load(d.str(), {});
    EXPECT_EQ(p.train.channels(), 1);
    EXPECT_EQ(p.train.images[0][0][2][2].item<int>(), value(0, 0, 2, 2));
    ImageFolderReader::Options o;
    o.train_limit = 4;
    o.test_limit = 2;
    o.channels = 3;
    const DatasetPair q = ImageFolderReader::load(d.str(), o);
    EXPECT_EQ(q.train.images.sizes(), torch::IntArrayRef({4, 3, 6, 6}));
    EXPECT_TRUE(q.train.labels.equal(torch::tensor({0, 1, 2, 0}, torch::kLong)));
    // Gray decoded as RGB: three equal planes.
    EXPECT_TRUE(q.train.images[1][0].equal(q.train.images[1][2]));
    EXPECT_EQ(q.test.size(), 2);
}

TEST(ImageFolderReader, MixedSizesAreResizedToTheFirst) {
    TempDir d;
    writePng(d / "train/a/0.png", 1, 8, 8, 3);
    writePng(d / "train/a/1.png", 2, 16, 12, 3);
    writePng(d / "train/b/0.png", 3, 8, 8, 3);
    writePng(d / "test/b/1.png", 4, 10, 10, 3);
    const DatasetPair p = ImageFolderReader::load(d.str(), {});
    EXPECT_EQ(p.train.images.sizes(), torch::IntArrayRef({3, 3, 8, 8}));
    EXPECT_EQ(p.test.images.sizes(), torch::IntArrayRef({1, 3, 8, 8}));
    ImageFolderReader::Options o;
    o.size = 5;
    EXPECT_EQ(ImageFolderReader::load(d.str(), o).train.images.sizes(),
              torch::IntArrayRef({3, 3, 5, 5}));
}

TEST(ImageFolderReader, HoldoutIsSeededAndPerClass) {
    TempDir d;
    for (int k = 0; k < 2; ++k)
        for (int i = 0; i < 10; ++i)
            writePng(d / ("k" + std::to_string(k) + "/" + std::to_string(i) + ".png"), k * 10 + i,
                     4, 4, 1);
    ImageFolderReader::Options o;
    o.holdout = 0.2;
    o.seed = 5;
    const DatasetPair a = ImageFolderReader::load(d.str(), o);
    const DatasetPair b = ImageFolderReader::load(d.str(), o);
    EXPECT_EQ(a.train.size(), 16);
    EXPECT_EQ(a.test.size(), 4);
    EXPECT_TRUE(torch::bincount(a.test.labels).eq(2).all().item<bool>());
    EXPECT_TRUE(a.test.images.equal(b.test.images));
    o.seed = 6;
    EXPECT_FALSE(ImageFolderReader::load(d.str(), o).test.images.equal(a.test.images));
    EXPECT_EQ(ImageFolderReader::check(d.str()), (std::vector<int64_t>{20, 0, 2}));
}

TEST(ImageFolderReader, NoClassFolders) {
    TempDir d;
    writePng(d / "loose.png", 1, 4, 4, 3);
    EXPECT_FALSE(ImageFolderReader::looksLike(d.str()));
    expectError([&] { ImageFolderReader::load(d.str(), {}); }, d.str(), "no class folders");
    expectError([&] { ImageFolderReader::check(d.str()); }, d.str(), "no class folders");
}

TEST(ImageFolderReader, EmptyClassFolder) {
    TempDir d;
    writeClasses(d.str(), 3);
    fs::create_directories(d / "d_empty");
    dnas::testing::writeFile(d / "d_empty/.hidden", {1});
    expectError([&] { ImageFolderReader::load(d.str(), {}); }, "d_empty", "no images");
}

TEST(ImageFolderReader, NonImageFile) {
    TempDir d;
    writeClasses(d.str(), 3);
    const std::string text = "this is not a PNG";
    dnas::testing::writeFile(d / "b/notes.png", std::vector<uint8_t>(text.begin(), text.end()));
    expectError([&] { ImageFolderReader::load(d.str(), {}); }, "notes.png",
                "not a decodable image");
    expectError([&] { ImageFolderReader::check(d.str()); }, "notes.png", "not a decodable image");
}

TEST(ImageFolderReader, TruncatedPng) {
    TempDir d;
    writeClasses(d.str(), 3, 40);
    fs::resize_file(d / "c/img2.png", fs::file_size(d / "c/img2.png") / 2);
    ImageFolderReader::Options o;
    o.channels = 3; // skip the header probe: the decoder itself must report it
    expectError([&] { ImageFolderReader::load(d.str(), o); }, "img2.png", "not a decodable image");
}

TEST(ImageFolderReader, MissingFolder) {
    expectError([&] { ImageFolderReader::load("/nonexistent/dnas-images", {}); },
                "/nonexistent/dnas-images", "not a folder");
}
