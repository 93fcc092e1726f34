// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/data/DatasetSpec.h"

#include "engine/data/DatasetLoader.h"
#include "engine/util/DnasError.h"
#include "tests/engine/data/DataTestUtil.h"

#include <gtest/gtest.h>

#include <filesystem>

using namespace dnas;
using dnas::testing::TempDir;

TEST(DatasetSpec, JsonRoundTripAndDefaults) {
    const DatasetSpec s = DatasetSpec::fromJson(
        {{"kind", "idx"}, {"path", "/data/fm"}, {"limit", 500}, {"num_classes", 10}});
    EXPECT_EQ(s.kind, "idx");
    EXPECT_EQ(s.limit, 500);
    EXPECT_EQ(s.effectiveTestLimit(), 500);
    const nlohmann::json j = s.toJson();
    EXPECT_EQ(j, (nlohmann::json{{"kind", "idx"}, {"path", "/data/fm"}, {"limit", 500}}));
    EXPECT_EQ(DatasetSpec::fromJson(j).toJson(), j);
    const DatasetSpec f = DatasetSpec::fromJson(
        {{"kind", "folder"}, {"path", "/x"}, {"test_limit", -1}, {"image_size", 64}});
    EXPECT_EQ(f.effectiveTestLimit(), -1);
    EXPECT_EQ(f.toJson()["image_size"], 64);
    const DatasetSpec a = DatasetSpec::fromJson({{"path", "/nonexistent/x"}, {"kind", "auto"}});
    EXPECT_EQ(a.toJson(), (nlohmann::json{{"path", "/nonexistent/x"}}));
    EXPECT_EQ(DatasetSpec::fashionMnist().path, "/usr/share/datasets/fashion-mnist");
}

TEST(DatasetSpec, RelativePathFollowsTheStudyFile) {
    const DatasetSpec s =
        DatasetSpec::fromJson({{"path", "../data/cifar"}}, "/home/u/studies/a.study.json");
    EXPECT_EQ(s.path, "/home/u/data/cifar");
}

TEST(DatasetSpec, BadJsonNamesFileAndField) {
    const auto expectError = [](const nlohmann::json& j, const std::string& field) {
        try {
            DatasetSpec::fromJson(j, "s.study.json");
            FAIL() << j.dump();
        } catch (const DnasError& e) {
            EXPECT_EQ(e.file(), "s.study.json");
            EXPECT_EQ(e.field(), field) << e.what();
        }
    };
    expectError({{"kind", "tiff"}, {"path", "/x"}}, "dataset.kind");
    expectError({{"kind", "idx"}}, "dataset.path");
    expectError({{"path", "/x"}, {"limit", "many"}}, "dataset.limit");
    expectError({{"path", "/x"}, {"limit", 0}}, "dataset.limit");
    expectError({{"path", "/x"}, {"channels", 2}}, "dataset.channels");
    expectError({{"path", "/x"}, {"class_names", {"a"}}}, "dataset.class_names");
    expectError(nlohmann::json::array(), "dataset");
}

TEST(DatasetSpec, DetectsEachKind) {
    TempDir idx, c10, c100, folder, nothing;
    dnas::testing::writeIdxSet(idx.str(), "train", 4, 3, 3, 2, true);
    dnas::testing::writeIdxSet(idx.str(), "t10k", 2, 3, 3, 2, true);
    for (int b = 1; b <= 5; ++b)
        dnas::testing::writeFile(
            c10 / ("cifar-10-batches-bin/data_batch_" + std::to_string(b) + ".bin"),
            std::vector<uint8_t>(3073, 1));
    dnas::testing::writeFile(c10 / "cifar-10-batches-bin/test_batch.bin",
                             std::vector<uint8_t>(3073, 1));
    dnas::testing::writeFile(c100 / "train.bin", std::vector<uint8_t>(3074 * 2, 1));
    dnas::testing::writeFile(c100 / "test.bin", std::vector<uint8_t>(3074, 1));
    std::filesystem::create_directories(folder / "cat");
    EXPECT_EQ(DatasetSpec::detectKind(idx.str()), "idx");
    EXPECT_EQ(DatasetSpec::detectKind(c10.str()), "cifar10");
    EXPECT_EQ(DatasetSpec::detectKind(c100.str()), "cifar100");
    EXPECT_EQ(DatasetSpec::detectKind(folder.str()), "folder");
    EXPECT_EQ(DatasetSpec::detectKind(nothing.str()), "");

    DatasetSpec s;
    s.path = c10.str();
    DatasetCheck c = s.check();
    EXPECT_TRUE(c.ok) << c.message;
    EXPECT_EQ(c.kind, "cifar10");
    EXPECT_EQ(c.train_size, 5);
    EXPECT_EQ(c.test_size, 1);
    EXPECT_EQ(c.num_classes, 10);
    s.path = c100.str();
    c = s.check();
    EXPECT_TRUE(c.ok) << c.message;
    EXPECT_EQ(c.train_size, 2);
    s.path = idx.str();
    s.num_classes = 2;
    c = s.check();
    EXPECT_TRUE(c.ok) << c.message;
    EXPECT_EQ(c.train_size, 4);
    const DatasetPair p = DatasetLoader::load(s);
    EXPECT_EQ(p.train.size(), 4);
    EXPECT_EQ(p.train.num_classes, 2);
    // An empty class folder is flagged by the check, with the folder named.
    s.path = folder.str();
    c = s.check();
    EXPECT_FALSE(c.ok);
    EXPECT_NE(c.message.find("cat"), std::string::npos) << c.message;
    s.path = nothing.str();
    c = s.check();
    EXPECT_FALSE(c.ok);
    EXPECT_NE(c.message.find(nothing.str()), std::string::npos) << c.message;
    s.path = "/nonexistent/dnas";
    c = s.check();
    EXPECT_FALSE(c.ok);
    EXPECT_NE(c.message.find("/nonexistent/dnas"), std::string::npos) << c.message;
    EXPECT_THROW(DatasetLoader::load(s), DnasError);
}

TEST(DatasetSpec, FashionMnistCheckAndLimitedLoad) {
    if (!dnas::testing::haveFashionMnist())
        GTEST_SKIP() << "Fashion-MNIST not installed";
    const DatasetSpec s = DatasetSpec::fromJson(
        {{"path", dnas::testing::fashionMnistDir()}, {"limit", 1000}, {"test_limit", 300}});
    const DatasetCheck c = s.check();
    EXPECT_TRUE(c.ok) << c.message;
    EXPECT_EQ(c.kind, "idx");
    EXPECT_EQ(c.train_size, 60000);
    EXPECT_EQ(c.test_size, 10000);
    std::printf("[ check    ] %s\n", c.message.c_str());
    const DatasetPair p = DatasetLoader::load(s);
    EXPECT_EQ(p.train.size(), 1000);
    EXPECT_EQ(p.test.size(), 300);
    EXPECT_EQ(p.train.labels[0].item<int64_t>(), 9);
    EXPECT_TRUE(DatasetLoader::flipIsSensible(s, p.train));
    EXPECT_EQ(DatasetLoader::knownStatsName(s, p.train), "fashion-mnist");
}
