// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/search/Study.h"
#include "engine/util/DnasError.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace dnas;

TEST(Study, DefaultStudyCarriesItsRetrainingRecipe) {
    const Study s = Study::defaultStudy();
    EXPECT_EQ(s.space.name, "fbnet-fmnist");
    // The shipped study retrains for its 30-minute budget, not the 30-epoch default.
    EXPECT_NE(s.train.epochs, TrainSettings{}.epochs);
    EXPECT_GT(s.train.epochs, 0);
}

TEST(Study, TrainSectionRoundTrips) {
    Study s = Study::defaultStudy();
    s.train.epochs = 7;
    s.train.crop_padding = 2;
    s.train.label_smoothing = 0.05;
    const Study back = Study::fromJson(s.toJson(), "x.study.json");
    EXPECT_EQ(back.train.toJson(), s.train.toJson());
    EXPECT_EQ(back.toJson(), s.toJson());
}

TEST(Study, BadTrainSettingsNameFileAndField) {
    nlohmann::json j = Study::defaultStudy().toJson();
    j["train"] = {{"crop_padding", 1000}};
    try {
        Study::fromJson(j, "bad.study.json");
        FAIL() << "absurd padding accepted";
    } catch (const DnasError& e) {
        EXPECT_NE(std::string(e.what()).find("bad.study.json"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("crop_padding"), std::string::npos) << e.what();
    }
    j["train"] = {{"epoks", 3}};
    EXPECT_THROW(Study::fromJson(j, "bad.study.json"), DnasError);
}

TEST(Study, TrainSeedOfTheWrongTypeIsAFieldError) {
    // Found with the FuzzStudy target (tests/fuzz/corpus/FuzzStudy/crash-train-seed-*): a string
    // threw nlohmann's type_error, and 1e300 was converted to uint64 (undefined behaviour).
    nlohmann::json j = Study::defaultStudy().toJson();
    for (const nlohmann::json& seed :
         {nlohmann::json("7"), nlohmann::json(1e300), nlohmann::json(-1)}) {
        j["train"] = {{"seed", seed}};
        try {
            Study::fromJson(j, "seed.study.json");
            ADD_FAILURE() << "seed " << seed.dump() << " accepted";
        } catch (const DnasError& e) {
            EXPECT_NE(std::string(e.what()).find("seed.study.json: train.seed: expected a "
                                                 "non-negative integer"),
                      std::string::npos)
                << e.what();
        }
    }
}
