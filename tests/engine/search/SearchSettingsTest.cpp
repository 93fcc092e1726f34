// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/search/SearchSettings.h"
#include "engine/util/DnasError.h"

#include <cmath>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace dnas;

namespace {
// What fromJson says of `j`, or "" when it takes it.
std::string refused(const nlohmann::json& j) {
    try {
        SearchSettings::fromJson(j, "t.study.json");
    } catch (const DnasError& e) {
        return std::string(e.what());
    }
    return std::string();
}
} // namespace

TEST(SearchSettings, FbnetDefaults) {
    SearchSettings s;
    EXPECT_DOUBLE_EQ(s.alpha, 0.2);
    EXPECT_DOUBLE_EQ(s.beta, 0.6);
    EXPECT_DOUBLE_EQ(s.tau0, 5.0);
    EXPECT_NEAR(s.tau_decay, std::exp(-0.045), 1e-3);
    EXPECT_DOUBLE_EQ(s.theta_lr, 0.01);
    EXPECT_DOUBLE_EQ(s.theta_weight_decay, 5e-4);
    EXPECT_EQ(s.warmupEpochs(), 9); // 10% of 90 (the paper trains 10 of 90; rounded 10%)
}

TEST(SearchSettings, TemperatureDecaysGeometrically) {
    SearchSettings s;
    s.tau_schedule = TauSchedule::PerEpoch;
    EXPECT_DOUBLE_EQ(s.temperatureAt(0), 5.0);
    EXPECT_NEAR(s.temperatureAt(1), 5.0 * 0.956, 1e-12);
    EXPECT_NEAR(s.temperatureAt(10), 5.0 * std::pow(0.956, 10), 1e-12);
    EXPECT_LT(s.temperatureAt(50), s.temperatureAt(49));
}

TEST(SearchSettings, AnnealedTemperatureReachesTauEndAtTheLastSearchEpoch) {
    for (int epochs : {4, 10, 90}) {
        SearchSettings s;
        s.epochs = epochs;
        s.warmup_epochs = 2;
        s.tau0 = 5.0;
        s.tau_end = 0.2;
        const int last = s.searchEpochs() - 1;
        EXPECT_DOUBLE_EQ(s.temperatureAt(0), 5.0);
        EXPECT_NEAR(s.temperatureAt(last), 0.2, 1e-12) << epochs;
        EXPECT_NEAR(s.temperatureAt(last + 5), 0.2, 1e-12); // held, not extrapolated
        for (int e = 1; e <= last; ++e) {
            EXPECT_LT(s.temperatureAt(e), s.temperatureAt(e - 1));
            // Geometric: a constant ratio between consecutive epochs.
            EXPECT_NEAR(s.temperatureAt(e) / s.temperatureAt(e - 1),
                        std::pow(0.2 / 5.0, 1.0 / last), 1e-12);
        }
    }
    SearchSettings one; // one search epoch: nothing to anneal over
    one.epochs = 2;
    one.warmup_epochs = 1;
    EXPECT_DOUBLE_EQ(one.temperatureAt(0), one.tau0);
}

TEST(SearchSettings, TargetLossNeedsATargetAndScheduleIsChecked) {
    auto errorOf = [](const nlohmann::json& j) {
        try {
            SearchSettings::fromJson(j, "t.study.json");
        } catch (const DnasError& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    EXPECT_NE(errorOf({{"loss", "target"}}).find("settings.target"), std::string::npos);
    EXPECT_EQ(errorOf({{"loss", "target"}, {"target", 800.0}}), "");
    EXPECT_NE(errorOf({{"tau_schedule", "cosine"}}).find("settings.tau_schedule"),
              std::string::npos);
    EXPECT_NE(errorOf({{"tau_end", 9.0}}).find("settings.tau_end"), std::string::npos);
    EXPECT_NE(errorOf({{"target_tolerance", 0.0}}).find("settings.target_tolerance"),
              std::string::npos);
    EXPECT_NE(errorOf({{"warmup_paths", "smallest"}}).find("settings.warmup_paths"),
              std::string::npos);
}

TEST(SearchSettings, JsonRoundTripAndErrors) {
    SearchSettings s;
    s.epochs = 12;
    s.mode = SearchMode::Sampled;
    s.share_kernels = true;
    s.seed = 42;
    const SearchSettings back = SearchSettings::fromJson(s.toJson(), "x.study.json");
    EXPECT_EQ(back.toJson(), s.toJson());
    EXPECT_TRUE(back.share_kernels);
    try {
        SearchSettings::fromJson({{"epohcs", 3}}, "x.study.json");
        FAIL() << "typo accepted";
    } catch (const DnasError& e) {
        EXPECT_NE(std::string(e.what()).find("x.study.json"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("settings.epohcs"), std::string::npos);
    }
    EXPECT_THROW(SearchSettings::fromJson({{"mode", "fast"}}, "f"), DnasError);
    EXPECT_THROW(SearchSettings::fromJson({{"batch_size", 0}}, "f"), DnasError);
    EXPECT_THROW(SearchSettings::fromJson({{"epochs", "ten"}}, "f"), DnasError);
}

// The enums are the in-memory form only: the file holds the same words as before, and each
// word reads back as the value it was written from.
TEST(SearchSettings, EnumsAreWrittenAsTheirWordsAndReadBack) {
    const nlohmann::json defaults = SearchSettings{}.toJson();
    EXPECT_EQ(defaults["tau_schedule"], "anneal");
    EXPECT_EQ(defaults["loss"], "multiplicative");
    EXPECT_EQ(defaults["mode"], "faithful");
    EXPECT_EQ(defaults["warmup_paths"], "largest");
    for (TauSchedule v : {TauSchedule::Anneal, TauSchedule::PerEpoch})
        EXPECT_EQ(parseTauSchedule(toString(v), "f"), v) << toString(v);
    for (LossKind v : {LossKind::Multiplicative, LossKind::Additive, LossKind::Target})
        EXPECT_EQ(parseLossKind(toString(v), "f"), v) << toString(v);
    for (SearchMode v : {SearchMode::Faithful, SearchMode::Sampled, SearchMode::TwoPath})
        EXPECT_EQ(parseSearchMode(toString(v), "f"), v) << toString(v);
    for (WarmupPaths v : {WarmupPaths::Largest, WarmupPaths::Uniform, WarmupPaths::Progressive,
                          WarmupPaths::LargestSwap})
        EXPECT_EQ(parseWarmupPaths(toString(v), "f"), v) << toString(v);
    for (WeightPaths v : {WeightPaths::Sampled, WeightPaths::Largest, WeightPaths::LargestSwap})
        EXPECT_EQ(parseWeightPaths(toString(v), "f"), v) << toString(v);
    EXPECT_EQ(defaults["w_paths"], "sampled");
    EXPECT_STREQ(toString(TauSchedule::PerEpoch), "per-epoch");
    EXPECT_STREQ(toString(SearchMode::TwoPath), "two-path");

    const nlohmann::json j = {{"tau_schedule", "per-epoch"}, {"loss", "additive"},
                              {"mode", "two-path"},          {"warmup_paths", "uniform"},
                              {"share_kernels", true},       {"w_paths", "largest"}};
    const SearchSettings s = SearchSettings::fromJson(j, "x.study.json");
    EXPECT_EQ(s.w_paths, WeightPaths::Largest);
    EXPECT_EQ(s.tau_schedule, TauSchedule::PerEpoch);
    EXPECT_EQ(s.loss, LossKind::Additive);
    EXPECT_EQ(s.mode, SearchMode::TwoPath);
    EXPECT_EQ(s.warmup_paths, WarmupPaths::Uniform);
    for (const auto& [key, value] : j.items())
        EXPECT_EQ(s.toJson()[key], value) << key;
}

// An unknown word names the file and the setting and lists the words it may be, whether it
// comes from a settings file or from the command line.
TEST(SearchSettings, UnknownWordIsAnErrorNamingFileFieldAndChoices) {
    auto errorOf = [](const nlohmann::json& j) {
        try {
            SearchSettings::fromJson(j, "t.study.json");
        } catch (const DnasError& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    EXPECT_EQ(errorOf({{"mode", "fast"}}),
              "t.study.json: settings.mode: must be \"faithful\", \"sampled\" or \"two-path\"");
    EXPECT_EQ(errorOf({{"loss", "log"}}), "t.study.json: settings.loss: must be "
                                          "\"multiplicative\", \"additive\" or \"target\"");
    EXPECT_EQ(errorOf({{"tau_schedule", "cosine"}}),
              "t.study.json: settings.tau_schedule: must be \"anneal\" or \"per-epoch\"");
    EXPECT_EQ(errorOf({{"warmup_paths", "smallest"}}),
              "t.study.json: settings.warmup_paths: must be \"largest\", \"uniform\", "
              "\"progressive\" or \"largest-swap\"");
    EXPECT_EQ(errorOf({{"mode", "Faithful"}}).find("t.study.json: settings.mode: "), 0u);
    EXPECT_EQ(errorOf({{"mode", 1}}).find("t.study.json: settings.mode: "), 0u); // not a word
    try {
        parseSearchMode("two_path", "command line");
        FAIL() << "two_path accepted";
    } catch (const DnasError& e) {
        EXPECT_EQ(e.file(), "command line");
        EXPECT_EQ(e.field(), "settings.mode");
        EXPECT_EQ(std::string(e.what()), "command line: settings.mode: must be \"faithful\", "
                                         "\"sampled\" or \"two-path\"");
    }
}

// The data-parallel batch norm is global (exact, as one process) unless a study says local;
// the bucket size is checked like every number.
TEST(SearchSettings, DataParallelBatchNormAndBucketSize) {
    const SearchSettings defaults;
    EXPECT_EQ(defaults.dist_batch_norm, BatchNormSync::Global);
    EXPECT_EQ(defaults.toJson()["dist_batch_norm"], "global");
    EXPECT_DOUBLE_EQ(defaults.dist_bucket_mb, 25.0);
    const SearchSettings s = SearchSettings::fromJson(
        {{"dist_batch_norm", "local"}, {"dist_bucket_mb", 0.5}}, "x.study.json");
    EXPECT_EQ(s.dist_batch_norm, BatchNormSync::Local);
    EXPECT_DOUBLE_EQ(s.dist_bucket_mb, 0.5);
    EXPECT_EQ(s.toJson()["dist_batch_norm"], "local");
    for (const auto& [j, expected] : std::vector<std::pair<nlohmann::json, std::string>>{
             {{{"dist_batch_norm", "sync"}},
              "t.study.json: settings.dist_batch_norm: must be \"global\" or \"local\""},
             {{{"dist_bucket_mb", 0}},
              "t.study.json: settings.dist_bucket_mb: must be in (0, 4096]"}}) {
        try {
            SearchSettings::fromJson(j, "t.study.json");
            ADD_FAILURE() << j;
        } catch (const DnasError& e) {
            EXPECT_EQ(std::string(e.what()), expected);
        }
    }
}

// Largest-path w steps train only the largest candidates' own weights: without shared kernels
// (or in the faithful mode, which runs every path) the other candidates would stay untrained.
TEST(SearchSettings, LargestWeightPathsNeedSharedKernelsAndOnePath) {
    EXPECT_NE(refused({{"mode", "two-path"}, {"w_paths", "largest"}}).find("settings.w_paths"),
              std::string::npos);
    EXPECT_NE(refused({{"share_kernels", true}, {"w_paths", "largest"}}).find("one-path"),
              std::string::npos);
    EXPECT_EQ(refused({{"mode", "sampled"}, {"share_kernels", true}, {"w_paths", "largest"}}), "");
}

TEST(SearchSettings, DualTargetStepIsNotNegative) {
    // Kept by a study whose target loss comes from `dnas search --target-latency`.
    EXPECT_EQ(refused({{"target_dual_lr", 0.1}}), "");
    EXPECT_NE(refused({{"target_dual_lr", std::nan("")}}).find("settings.target_dual_lr"),
              std::string::npos);
    EXPECT_NE(refused({{"loss", "target"}, {"target", 500.0}, {"target_dual_lr", -1.0}})
                  .find("settings.target_dual_lr"),
              std::string::npos);
    const nlohmann::json ok = {{"loss", "target"}, {"target", 500.0}, {"target_dual_lr", 0.1}};
    EXPECT_EQ(refused(ok), "");
    EXPECT_DOUBLE_EQ(SearchSettings::fromJson(ok, "t.study.json").toJson()["target_dual_lr"], 0.1);
}

TEST(SearchSettings, TargetWeightIsNotNegative) {
    EXPECT_EQ(refused({{"loss", "target"}, {"target", 500.0}, {"lambda", 3.0}}), "");
    EXPECT_EQ(refused({{"lambda", 0.0}}), ""); // CE alone: the repair then does all the steering
    EXPECT_NE(refused({{"lambda", -1.0}}).find("settings.lambda"), std::string::npos);
    EXPECT_NE(refused({{"lambda", std::nan("")}}).find("settings.lambda"), std::string::npos);
}

TEST(SearchSettings, DecisionDelayIsCheckedAndReadBack) {
    EXPECT_EQ(SearchSettings{}.decision_delay, 0); // decisions from the first search epoch
    const nlohmann::json ok = {{"progressive_decisions", true}, {"decision_delay", 3}};
    EXPECT_EQ(refused(ok), "");
    EXPECT_EQ(SearchSettings::fromJson(ok, "t.study.json").toJson()["decision_delay"], 3);
    EXPECT_NE(refused({{"decision_delay", -1}}).find("settings.decision_delay"), std::string::npos);
    EXPECT_NE(refused({{"epochs", 5}, {"decision_delay", 6}}).find("0..epochs"), std::string::npos);
}

TEST(SearchSettings, DecisionMarginIsCheckedAndReadBack) {
    EXPECT_EQ(SearchSettings{}.decision_margin, 0.0); // no gate unless a study asks
    const nlohmann::json ok = {{"progressive_decisions", true}, {"decision_margin", 0.3}};
    EXPECT_EQ(refused(ok), "");
    EXPECT_EQ(SearchSettings::fromJson(ok, "t.study.json").toJson()["decision_margin"], 0.3);
    EXPECT_NE(refused({{"decision_margin", -0.1}}).find("settings.decision_margin"),
              std::string::npos);
    EXPECT_NE(refused({{"decision_margin", 1.0}}).find("[0, 1)"), std::string::npos);
}

TEST(SearchSettings, FinalistsAreCheckedAndReadBack) {
    EXPECT_EQ(SearchSettings{}.finalists, 0); // off unless a study asks
    const nlohmann::json ok = {{"finalists", 8}, {"finalist_steps", 50}, {"finalist_lr", 0.02}};
    EXPECT_EQ(refused(ok), "");
    const nlohmann::json back = SearchSettings::fromJson(ok, "t.study.json").toJson();
    EXPECT_EQ(back["finalists"], 8);
    EXPECT_EQ(back["finalist_steps"], 50);
    EXPECT_DOUBLE_EQ(back["finalist_lr"], 0.02);
    EXPECT_DOUBLE_EQ(SearchSettings::fromJson(ok, "t.study.json").finalistLearningRate(), 0.02);
    SearchSettings defaults;
    defaults.batch_size = 128; // w rate 0.05 after batch scaling
    EXPECT_DOUBLE_EQ(defaults.finalistLearningRate(), 0.1 * defaults.wLearningRate());
    EXPECT_NE(refused({{"finalists", -1}}).find("settings.finalists"), std::string::npos);
    EXPECT_NE(refused({{"finalists", 65}}).find("0..64"), std::string::npos);
    EXPECT_NE(refused({{"finalist_steps", 0}}).find("settings.finalist_steps"), std::string::npos);
    EXPECT_NE(refused({{"finalist_lr", -0.1}}).find("settings.finalist_lr"), std::string::npos);
}

TEST(SearchSettings, TargetQuantileStandsForATargetAndIsChecked) {
    EXPECT_EQ(SearchSettings{}.target_quantile, 0.0); // off unless a study asks
    const nlohmann::json ok = {{"loss", "target"}, {"target_quantile", 0.15}};
    EXPECT_EQ(refused(ok), ""); // no target cost needed with a quantile
    EXPECT_DOUBLE_EQ(SearchSettings::fromJson(ok, "t.study.json").toJson()["target_quantile"],
                     0.15);
    EXPECT_NE(refused({{"loss", "target"}}).find("target_quantile"), std::string::npos);
    for (double bad : {-0.1, 1.0, std::nan("")})
        EXPECT_NE(refused({{"target_quantile", bad}}).find("settings.target_quantile"),
                  std::string::npos)
            << bad;
}

// A sweep's or the command line's cost replaces a study's quantile, so that a run never
// records a quantile that did not set its target (and the other way round).
TEST(SearchSettings, SteeringToACostOrAQuantileReplacesTheOther) {
    SearchSettings s;
    s.steerToQuantile(0.15);
    EXPECT_EQ(s.loss, LossKind::Target);
    EXPECT_EQ(s.target, 0.0);
    s.steerTo(900.0);
    EXPECT_EQ(s.target, 900.0);
    EXPECT_EQ(s.target_quantile, 0.0);
    s.steerToQuantile(0.5);
    EXPECT_EQ(s.target, 0.0);
    EXPECT_EQ(s.target_quantile, 0.5);
    EXPECT_NO_THROW(s.check("t.study.json"));
}
