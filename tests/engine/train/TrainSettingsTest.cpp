// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/train/TrainSettings.h"
#include "engine/util/DnasError.h"

#include "tests/support/ErrorOf.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

using namespace dnas;

namespace {
std::string errorFor(const nlohmann::json& j) {
    return testsupport::errorOf([&] { TrainSettings::fromJson(j, "x.study.json"); });
}
} // namespace

TEST(TrainSettings, EmptyObjectIsTheDefaults) {
    EXPECT_EQ(TrainSettings::fromJson(nlohmann::json::object(), "x").toJson(),
              TrainSettings{}.toJson());
}

TEST(TrainSettings, EveryFieldRoundTrips) {
    TrainSettings s;
    s.epochs = 7;
    s.batch_size = 64;
    s.lr = 0.05;
    s.momentum = 0.8;
    s.weight_decay = 1e-4;
    s.label_smoothing = 0.0;
    s.augment = false;
    s.crop_padding = 2;
    s.seed = 123456789012345ull; // above 2^32: read as a 64-bit integer
    s.limit = 5000;
    s.threads = 3;
    const nlohmann::json j = s.toJson();
    const TrainSettings back = TrainSettings::fromJson(j, "x");
    EXPECT_EQ(back.toJson(), j);
    // Every field was set to a non-default, so a field that toJson or fromJson dropped shows.
    const nlohmann::json defaults = TrainSettings{}.toJson();
    for (const auto& [key, value] : defaults.items())
        EXPECT_NE(j[key], value) << key;
    EXPECT_EQ(back.seed, 123456789012345ull);
}

TEST(TrainSettings, LearningRateScalesWithTheBatch) {
    TrainSettings s;
    s.lr = 0.1;
    s.batch_size = 512;
    EXPECT_DOUBLE_EQ(s.scaledLr(), 0.2);
    s.batch_size = 64;
    EXPECT_DOUBLE_EQ(s.scaledLr(), 0.025);
}

TEST(TrainSettings, ErrorsNameTheFileAndTheField) {
    const std::vector<std::pair<nlohmann::json, std::string>> cases = {
        {{{"epochs", 0}}, "train.epochs: must be in 1..10000"},
        {{{"epochs", 10001}}, "train.epochs: must be in 1..10000"},
        {{{"epochs", 2.5}}, "train.epochs: expected an integer"},
        {{{"batch_size", 0}}, "train.batch_size: must be in 1..65536"},
        {{{"lr", 0.0}}, "train.lr: must be > 0"},
        {{{"lr", "fast"}}, "train.lr: expected a number"},
        {{{"weight_decay", -1e-4}}, "train.weight_decay: must be >= 0"},
        {{{"crop_padding", -2}}, "train.crop_padding: must be in -1..64"},
        {{{"crop_padding", 65}}, "train.crop_padding: must be in -1..64"},
        {{{"label_smoothing", 1.0}}, "train.label_smoothing: must be in [0, 1)"},
        {{{"label_smoothing", -0.1}}, "train.label_smoothing: must be in [0, 1)"},
        {{{"augment", 1}}, "train.augment: expected true or false"},
        {{{"seed", -1}}, "train.seed: expected a non-negative integer"},
        {{{"seed", "7"}}, "train.seed: expected a non-negative integer"},
        {{{"limit", 1e12}}, "train.limit: expected an integer"},
        {{{"limit", -5}}, "train.limit: must be >= 0 (0: all training images)"},
        {{{"momentum", 1.0}}, "train.momentum: must be in [0, 1)"},
        {{{"momentum", -0.1}}, "train.momentum: must be in [0, 1)"},
        {{{"threads", -1}}, "train.threads: must be in 0..1024 (0: all cores)"},
        {{{"threads", 5000}}, "train.threads: must be in 0..1024 (0: all cores)"},
        {{{"epoks", 3}}, "train.epoks: unknown setting"},
        {nlohmann::json::array(), "train: expected an object"},
    };
    for (const auto& [j, want] : cases) {
        const std::string what = errorFor(j);
        EXPECT_NE(what.find("x.study.json: " + want), std::string::npos)
            << j.dump() << " -> " << what;
    }
}
