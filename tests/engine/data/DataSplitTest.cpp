// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/data/DataSplit.h"

#include "engine/data/SeededRng.h"
#include "engine/util/DnasError.h"

#include <gtest/gtest.h>

using namespace dnas;

TEST(SeededRng, EngineIsTheStandardMt19937_64) {
    // [rand.predef]: the 10000th output of a default-constructed mt19937_64.
    SeededRng r(5489u);
    uint64_t v = 0;
    for (int i = 0; i < 10000; ++i)
        v = r.next();
    EXPECT_EQ(v, 9981545732273789042ull);
}

TEST(SeededRng, PermutationIsPinned) {
    // Pinned so a change of algorithm (and with it every study's split) cannot go unnoticed.
    SeededRng r(42);
    const torch::Tensor p = r.permutation(10);
    EXPECT_TRUE(std::get<0>(p.sort()).equal(torch::arange(10, torch::kLong)));
    SeededRng again(42);
    EXPECT_TRUE(again.permutation(10).equal(p));
    std::printf("[ pinned   ] seed 42 permutation(10):");
    for (int i = 0; i < 10; ++i)
        std::printf(" %ld", long(p[i].item<int64_t>()));
    std::printf("\n");
    EXPECT_NE(SeededRng::derive(1, 0), SeededRng::derive(1, 1));
    EXPECT_NE(SeededRng::derive(1, 0), SeededRng::derive(2, 0));
}

TEST(DataSplit, SizesWithDefaults) {
    const DataSplit s(60000, SplitSettings{});
    EXPECT_EQ(s.validation().size(0), 3000);
    EXPECT_EQ(s.theta().size(0), 11400);
    EXPECT_EQ(s.weights().size(0), 45600);
    EXPECT_DOUBLE_EQ(double(s.weights().size(0)) / double(s.weights().size(0) + s.theta().size(0)),
                     0.8);
    EXPECT_EQ(s.toJson()["sizes"]["theta"], 11400);
}

TEST(DataSplit, PaperSettingEightyTwenty) {
    SplitSettings st;
    st.val_fraction = 0.0;
    const DataSplit s(60000, st);
    EXPECT_EQ(s.weights().size(0), 48000);
    EXPECT_EQ(s.theta().size(0), 12000);
    EXPECT_TRUE(s.validationIsTheta());
    EXPECT_TRUE(s.validation().equal(s.theta()));
}

TEST(DataSplit, DisjointAndComplete) {
    const DataSplit s(10007, SplitSettings{0.2, 0.1, 3});
    const torch::Tensor all = torch::cat({s.weights(), s.theta(), s.validation()});
    EXPECT_EQ(all.size(0), 10007);
    EXPECT_TRUE(std::get<0>(all.sort()).equal(torch::arange(10007, torch::kLong)));
    EXPECT_TRUE(std::get<0>(s.weights().sort()).equal(s.weights())); // stored sorted
}

TEST(DataSplit, SameSeedSameSplitDifferentSeedDifferent) {
    const DataSplit a(5000, SplitSettings{0.2, 0.05, 7});
    const DataSplit b(5000, SplitSettings{0.2, 0.05, 7});
    const DataSplit c(5000, SplitSettings{0.2, 0.05, 8});
    EXPECT_TRUE(a.weights().equal(b.weights()));
    EXPECT_TRUE(a.theta().equal(b.theta()));
    EXPECT_TRUE(a.validation().equal(b.validation()));
    EXPECT_FALSE(a.theta().equal(c.theta()));
    EXPECT_FALSE(a.validation().equal(c.validation()));
}

TEST(DataSplit, SettingsJsonAndErrors) {
    const SplitSettings s =
        SplitSettings::fromJson({{"theta_fraction", 0.3}, {"seed", 9}}, "a.study.json");
    EXPECT_DOUBLE_EQ(s.theta_fraction, 0.3);
    EXPECT_DOUBLE_EQ(s.val_fraction, 0.05);
    EXPECT_EQ(s.seed, 9u);
    EXPECT_EQ(SplitSettings::fromJson(s.toJson()).toJson(), s.toJson());
    try {
        SplitSettings::fromJson({{"val_fraction", 0.7}}, "a.study.json");
        FAIL();
    } catch (const DnasError& e) {
        EXPECT_EQ(e.field(), "split.val_fraction");
        EXPECT_EQ(e.file(), "a.study.json");
    }
    EXPECT_THROW(DataSplit(3, SplitSettings{}), DnasError);
}
