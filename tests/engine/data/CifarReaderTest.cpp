// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/data/CifarReader.h"

#include "engine/util/DnasError.h"
#include "tests/engine/data/DataTestUtil.h"

#include <gtest/gtest.h>

#include <filesystem>

using namespace dnas;
using dnas::testing::expectError;
using dnas::testing::TempDir;
using V = CifarReader::Variant;

namespace {

uint8_t pixel(int sample, int c, int y, int x) {
    return uint8_t((sample * 7 + c * 3 + y * 32 + x) % 256);
}

// n records; sample ids start at `first` so every file's content is distinct.
void writeCifar(const std::string& path, V v, int first, int n) {
    std::vector<uint8_t> out;
    for (int i = first; i < first + n; ++i) {
        if (v == V::Cifar100)
            out.push_back(uint8_t(i % 20)); // coarse
        out.push_back(uint8_t(v == V::Cifar10 ? i % 10 : (i * 3) % 100));
        for (int c = 0; c < 3; ++c)
            for (int y = 0; y < 32; ++y)
                for (int x = 0; x < 32; ++x)
                    out.push_back(pixel(i, c, y, x));
    }
    dnas::testing::writeFile(path, out);
}

void writeCifar10(const std::string& dir) {
    for (int b = 1; b <= 5; ++b)
        writeCifar(dir + "/data_batch_" + std::to_string(b) + ".bin", V::Cifar10, (b - 1) * 3, 3);
    writeCifar(dir + "/test_batch.bin", V::Cifar10, 100, 2);
}

} // namespace

TEST(CifarReader, Cifar10RecordsAndPlanes) {
    TempDir d;
    writeCifar10(d.str());
    EXPECT_TRUE(CifarReader::looksLike(d.str(), V::Cifar10));
    EXPECT_FALSE(CifarReader::looksLike(d.str(), V::Cifar100));
    const DatasetPair p = CifarReader::load(d.str(), V::Cifar10);
    ASSERT_EQ(p.train.images.sizes(), torch::IntArrayRef({15, 3, 32, 32}));
    ASSERT_EQ(p.test.images.sizes(), torch::IntArrayRef({2, 3, 32, 32}));
    EXPECT_EQ(p.train.num_classes, 10);
    EXPECT_EQ(p.train.class_names[0], "airplane");
    // Sample 7 lives in data_batch_3; R, G, B planes map to channels 0, 1, 2.
    for (int c = 0; c < 3; ++c)
        EXPECT_EQ(p.train.images[7][c][5][9].item<int>(), pixel(7, c, 5, 9));
    EXPECT_EQ(p.train.labels[7].item<int64_t>(), 7);
    EXPECT_EQ(p.test.labels[1].item<int64_t>(), 101 % 10);
    EXPECT_EQ(p.test.images[1][2][31][31].item<int>(), pixel(101, 2, 31, 31));
    EXPECT_EQ(CifarReader::check(d.str(), V::Cifar10), (std::vector<int64_t>{15, 2}));
}

TEST(CifarReader, LimitSpansFilesAndSubfolderIsFound) {
    TempDir d;
    writeCifar10(d / "cifar-10-batches-bin");
    EXPECT_EQ(CifarReader::resolveDir(d.str(), V::Cifar10), d / "cifar-10-batches-bin");
    const DatasetPair p = CifarReader::load(d.str(), V::Cifar10, 4, 1);
    EXPECT_EQ(p.train.size(), 4);
    EXPECT_EQ(p.test.size(), 1);
    EXPECT_EQ(p.train.labels[3].item<int64_t>(), 3); // first record of data_batch_2
    EXPECT_EQ(p.train.images[3][1][0][0].item<int>(), pixel(3, 1, 0, 0));
}

TEST(CifarReader, Cifar100UsesFineLabels) {
    TempDir d;
    writeCifar(d / "train.bin", V::Cifar100, 0, 6);
    writeCifar(d / "test.bin", V::Cifar100, 50, 2);
    dnas::testing::writeFile(d / "fine_label_names.txt", {});
    const DatasetPair p = CifarReader::load(d.str(), V::Cifar100);
    EXPECT_EQ(p.train.num_classes, 100);
    EXPECT_EQ(p.train.class_names.size(), 100u);
    EXPECT_EQ(p.train.class_names[99], "worm");
    EXPECT_EQ(p.train.labels[5].item<int64_t>(), 15); // fine = 3*5, coarse would be 5
    EXPECT_EQ(p.test.labels[1].item<int64_t>(), (51 * 3) % 100);
    EXPECT_EQ(p.train.images[2][0][1][1].item<int>(), pixel(2, 0, 1, 1));
}

TEST(CifarReader, ClassNamesFromMetaFile) {
    TempDir d;
    writeCifar10(d.str());
    std::string names;
    for (int i = 0; i < 10; ++i)
        names += "class" + std::to_string(i) + "\r\n";
    dnas::testing::writeFile(d / "batches.meta.txt",
                             std::vector<uint8_t>(names.begin(), names.end()));
    EXPECT_EQ(CifarReader::classNames(d.str(), V::Cifar10)[4], "class4");
}

TEST(CifarReader, TruncatedFile) {
    TempDir d;
    writeCifar10(d.str());
    std::filesystem::resize_file(d / "data_batch_4.bin", 3073 * 2 + 100);
    expectError([&] { CifarReader::load(d.str(), V::Cifar10); }, "data_batch_4.bin",
                "not a multiple");
    expectError([&] { CifarReader::check(d.str(), V::Cifar10); }, "data_batch_4.bin", "truncated");
}

TEST(CifarReader, EmptyAndMissingFiles) {
    TempDir d;
    writeCifar10(d.str());
    dnas::testing::writeFile(d / "test_batch.bin", {});
    expectError([&] { CifarReader::load(d.str(), V::Cifar10); }, "test_batch.bin", "empty");
    std::filesystem::remove(d / "data_batch_5.bin");
    expectError([&] { CifarReader::load(d.str(), V::Cifar10); }, "data_batch_5.bin", "missing");
    TempDir e;
    expectError([&] { CifarReader::load(e.str(), V::Cifar100); }, e.str(), "train.bin");
}

TEST(CifarReader, LabelOutOfRange) {
    TempDir d;
    writeCifar10(d.str());
    std::vector<uint8_t> rec(3073, 0);
    rec[0] = 10;
    dnas::testing::writeFile(d / "data_batch_2.bin", rec);
    expectError([&] { CifarReader::load(d.str(), V::Cifar10); }, "data_batch_2.bin", "label[0]");
    // A CIFAR-10 file read as CIFAR-100 trips over its record size or labels.
    TempDir e;
    writeCifar(e / "train.bin", V::Cifar10, 0, 3074);
    writeCifar(e / "test.bin", V::Cifar10, 0, 3074);
    EXPECT_THROW(CifarReader::load(e.str(), V::Cifar100), DnasError);
}

TEST(CifarReader, AbsurdFileSizeRefusedBeforeAllocating) {
    // A sparse 3 GB file (no disk used) of whole records: refused from its size, not read.
    TempDir d;
    writeCifar(d / "train.bin", V::Cifar100, 0, 1);
    std::filesystem::resize_file(d / "train.bin", uint64_t(3074) * 1000001);
    expectError([&] { CifarReader::readFiles({d / "train.bin"}, V::Cifar100, 10); }, "train.bin",
                "1000001 records, more than the 1000000");
    expectError([&] { CifarReader::check(d.str(), V::Cifar100); }, "train.bin", "records");
}
