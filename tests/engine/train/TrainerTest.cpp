// SPDX-License-Identifier: GPL-3.0-or-later
// The retraining step on its own: a two-layer net on 8x8 synthetic images (two classes, stripes
// across or down), so every test trains in about a second on one thread.
#include "engine/train/Trainer.h"
#include "engine/cost/ModelCounter.h"
#include "engine/nn/ChildNet.h"
#include "engine/search/StopPauseToken.h"
#include "engine/util/DnasError.h"
#include "engine/util/JsonFile.h"

#include "tests/support/ErrorOf.h"
#include "tests/support/SmallSpace.h"
#include "tests/support/StopAndJoin.h"
#include "tests/support/TinyStudy.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <thread>
#include <vector>

using namespace dnas;
namespace fs = std::filesystem;

namespace {
constexpr int kSide = 8;
constexpr uint32_t kTrainImages = 256;
constexpr uint32_t kTestImages = 128;
// Only a safety net for a trainer that never parks; a parked trainer is seen at once.
constexpr std::chrono::seconds kNeverParked(60);

// The tests' small space, cut down to a two-class task: a stride-1 stem and a narrower head.
SearchSpace toySpace() {
    SearchSpace s = testsupport::smallSpace(
        "toy", {{8, 1, {"k3_e1", "skip"}, 0}, {16, 2, {"k3_e3", "skip"}, 1}}, kSide);
    s.num_classes = 2;
    s.stem_stride = 1;
    s.head_c_out = 16;
    return s;
}

Architecture toyArch() {
    Architecture a;
    a.space = "toy";
    a.ops = {"k3_e1", "k3_e3"};
    return a;
}

void writeIdx(const fs::path& file, const std::vector<uint32_t>& dims,
              const std::vector<uint8_t>& data) {
    std::vector<uint8_t> bytes{0, 0, 0x08, static_cast<uint8_t>(dims.size())};
    for (uint32_t d : dims)
        for (int shift = 24; shift >= 0; shift -= 8)
            bytes.push_back(static_cast<uint8_t>(d >> shift));
    bytes.insert(bytes.end(), data.begin(), data.end());
    std::ofstream(file, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
}

// Class c of `classes`: stripes across (even c) or down (odd c), one or two pixels wide, at a
// random phase, over noise. A local pattern, so a conv net with global pooling learns it in
// a few epochs, and an untrained one is at chance.
void writeStripes(const std::string& dir, const std::string& prefix, uint32_t n, int classes,
                  uint32_t seed) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> noise(0, 50), phase(0, 3);
    std::vector<uint8_t> pixels, labels;
    for (uint32_t i = 0; i < n; ++i) {
        const int c = static_cast<int>(i % static_cast<uint32_t>(classes));
        const int width = 1 + c / 2 % 2, offset = phase(rng);
        for (int y = 0; y < kSide; ++y)
            for (int x = 0; x < kSide; ++x) {
                const int along = c % 2 == 0 ? y : x;
                const bool on = (along + offset) / width % 2 == 0;
                pixels.push_back(static_cast<uint8_t>((on ? 180 : 30) + noise(rng)));
            }
        labels.push_back(static_cast<uint8_t>(c));
    }
    writeIdx(fs::path(dir) / (prefix + "-images-idx3-ubyte"), {n, kSide, kSide}, pixels);
    writeIdx(fs::path(dir) / (prefix + "-labels-idx1-ubyte"), {n}, labels);
}

// A dataset folder of the toy problem; its JSON as a study would give it.
nlohmann::json toyData(const std::string& name, int classes = 2) {
    const std::string dir = testsupport::freshDir("train-data-" + name);
    writeStripes(dir, "train", kTrainImages, classes, 1);
    writeStripes(dir, "t10k", kTestImages, classes, 2);
    return {{"kind", "idx"}, {"path", dir}, {"num_classes", classes}};
}

TrainSettings toySettings(int epochs = 4) {
    TrainSettings s;
    s.epochs = epochs;
    s.batch_size = 32;
    s.lr = 0.8; // 0.1 after the batch-size scaling
    s.augment = false;
    s.threads = 1;
    s.seed = 3;
    return s;
}

// Every report the trainer makes: steps (test_accuracy < 0) and epoch ends.
struct Reports {
    std::vector<TrainProgress> steps, epochs;
    Trainer::Progress callback(const std::function<void(const TrainProgress&)>& also = {}) {
        return [this, also](const TrainProgress& p) {
            (p.test_accuracy < 0 ? steps : epochs).push_back(p);
            if (also)
                also(p);
        };
    }
};

std::string outDir(const std::string& name) {
    return (fs::path(testsupport::freshDir("train-out-" + name)) / "final").string();
}
} // namespace

TEST(Trainer, LearnsAToyProblemAndReportsConsistently) {
    const TrainSettings s = toySettings(4);
    const std::string out = outDir("learns");
    Reports r;
    const TrainResult result =
        Trainer(toySpace(), toyArch(), toyData("learns"), "toy.study.json", s)
            .run(out, r.callback());

    const int64_t stepsPerEpoch = kTrainImages / s.batch_size; // full batches only
    ASSERT_EQ(r.epochs.size(), static_cast<size_t>(s.epochs));
    ASSERT_EQ(r.steps.size(), static_cast<size_t>(s.epochs * stepsPerEpoch));
    for (size_t i = 0; i < r.steps.size(); ++i) {
        const TrainProgress& p = r.steps[i];
        EXPECT_EQ(p.epoch, static_cast<int>(i / stepsPerEpoch)) << i;
        EXPECT_EQ(p.epochs, s.epochs);
        EXPECT_EQ(p.step, static_cast<int64_t>(i % stepsPerEpoch) + 1) << i;
        EXPECT_EQ(p.steps, stepsPerEpoch);
        EXPECT_GE(p.train_accuracy, 0.0);
        EXPECT_LE(p.train_accuracy, 1.0);
        EXPECT_TRUE(std::isfinite(p.loss)) << i;
        EXPECT_GE(p.eta_s, 0.0);
    }
    for (int e = 0; e < s.epochs; ++e) {
        const TrainProgress& p = r.epochs[static_cast<size_t>(e)];
        EXPECT_EQ(p.epoch, e);
        EXPECT_EQ(p.step, stepsPerEpoch);
        EXPECT_GE(p.test_accuracy, 0.0);
        EXPECT_LE(p.test_accuracy, 1.0);
    }
    EXPECT_DOUBLE_EQ(r.steps.back().eta_s, 0.0); // nothing left after the last step

    // It learned: the epoch's mean loss fell and the test set is far above chance (0.5).
    EXPECT_LT(r.epochs.back().loss, 0.8 * r.epochs.front().loss);
    EXPECT_GT(r.epochs.back().train_accuracy, r.epochs.front().train_accuracy);
    EXPECT_GE(result.test_accuracy, 0.9);
    EXPECT_DOUBLE_EQ(result.test_accuracy, r.epochs.back().test_accuracy);
    EXPECT_TRUE(std::isfinite(result.test_loss));
    EXPECT_GT(result.test_loss, 0.0);
    EXPECT_GT(result.seconds, 0.0);
    const OpCount count = ModelCounter::count(toySpace(), toyArch()).total();
    EXPECT_EQ(result.macs, count.macs);
    EXPECT_EQ(result.params, count.params);

    // The files say the same as the result.
    EXPECT_EQ(result.weights_path, (fs::path(out) / "weights.pt").string());
    EXPECT_EQ(result.arch_path, (fs::path(out) / "arch.json").string());
    const nlohmann::json arch = readJsonFile(result.arch_path);
    EXPECT_EQ(Architecture::fromJson(arch, result.arch_path), toyArch());
    EXPECT_DOUBLE_EQ(arch["accuracy"].get<double>(), result.test_accuracy);
    EXPECT_EQ(arch["macs"].get<int64_t>(), result.macs);
    EXPECT_EQ(arch["params"].get<int64_t>(), result.params);
    const nlohmann::json train = readJsonFile((fs::path(out) / "train.json").string());
    EXPECT_EQ(train["format"], "dnas-train/1");
    EXPECT_EQ(train["settings"], s.toJson());
    EXPECT_EQ(train["arch"], toyArch().toString());
    ASSERT_EQ(train["history"].size(), static_cast<size_t>(s.epochs));
    for (int e = 0; e < s.epochs; ++e) {
        const auto& h = train["history"][static_cast<size_t>(e)];
        EXPECT_EQ(h["epoch"], e);
        EXPECT_DOUBLE_EQ(h["test_accuracy"].get<double>(), r.epochs[size_t(e)].test_accuracy);
        EXPECT_DOUBLE_EQ(h["loss"].get<double>(), r.epochs[size_t(e)].loss);
    }
    EXPECT_FALSE(fs::exists(result.weights_path + ".tmp"));

    // The saved weights are the trained ones: they load into the architecture's net and differ
    // from the net the same seed initialises.
    torch::manual_seed(s.seed);
    ChildNet initial(toySpace(), toyArch());
    ChildNet loaded(toySpace(), toyArch());
    torch::load(loaded, result.weights_path);
    const auto a = initial->parameters(), b = loaded->parameters();
    ASSERT_EQ(a.size(), b.size());
    double moved = 0.0;
    for (size_t i = 0; i < a.size(); ++i)
        moved = std::max(moved, (a[i] - b[i]).abs().max().item<double>());
    EXPECT_GT(moved, 1e-3);
}

// One thread, one seed: the same run twice, augmentation included. Another seed: another run.
TEST(Trainer, SameSeedSameRunOtherSeedOtherRun) {
    const nlohmann::json data = toyData("seed");
    TrainSettings s = toySettings(2);
    s.augment = true;
    s.crop_padding = 1;
    auto losses = [&](const TrainSettings& settings, const std::string& name) {
        Reports r;
        const TrainResult result = Trainer(toySpace(), toyArch(), data, "toy.study.json", settings)
                                       .run(outDir(name), r.callback());
        std::vector<double> out;
        for (const auto& p : r.steps)
            out.push_back(p.loss);
        out.push_back(result.test_accuracy);
        out.push_back(result.test_loss);
        return out;
    };
    const std::vector<double> first = losses(s, "seed-a");
    EXPECT_EQ(losses(s, "seed-b"), first); // bit for bit
    s.seed = 4;
    EXPECT_NE(losses(s, "seed-c"), first);
}

// A stop ends the run after the current step without an error; the result holds the last
// evaluated accuracy (none before the first epoch ends), and nothing is written.
TEST(Trainer, StopEndsAfterTheCurrentStepAndWritesNothing) {
    const nlohmann::json data = toyData("stop");
    for (const int stopEpoch : {0, 1}) {
        SCOPED_TRACE("stop in epoch " + std::to_string(stopEpoch));
        StopPauseToken token;
        Reports r;
        const std::string out = outDir("stop" + std::to_string(stopEpoch));
        const TrainResult result =
            Trainer(toySpace(), toyArch(), data, "toy.study.json", toySettings(3))
                .run(out, r.callback([&](const TrainProgress& p) {
                    if (p.test_accuracy < 0 && p.epoch == stopEpoch && p.step == 2)
                        token.requestStop();
                }),
                     &token);
        ASSERT_FALSE(r.steps.empty());
        EXPECT_EQ(r.steps.back().epoch, stopEpoch);
        EXPECT_EQ(r.steps.back().step, 2); // no step after the one that stopped
        ASSERT_EQ(r.epochs.size(), static_cast<size_t>(stopEpoch));
        EXPECT_DOUBLE_EQ(result.test_accuracy, stopEpoch == 0 ? 0.0 : r.epochs[0].test_accuracy);
        EXPECT_TRUE(result.weights_path.empty());
        EXPECT_FALSE(fs::exists(out));
    }
}

// A pause parks the training thread between steps (acknowledged through the token, no
// sleeps); after resume it trains to the end.
TEST(Trainer, PauseParksBetweenStepsUntilResumed) {
    StopPauseToken token;
    Reports r;
    int stepsSeen = 0;
    const std::string out = outDir("pause");
    Trainer trainer(toySpace(), toyArch(), toyData("pause"), "toy.study.json", toySettings(2));
    std::thread worker([&] {
        trainer.run(out, r.callback([&](const TrainProgress& p) {
            if (p.test_accuracy >= 0)
                return;
            if (token.paused())
                ADD_FAILURE() << "step " << p.step << " ran while paused";
            if (++stepsSeen == 3)
                token.pause();
        }),
                    &token);
    });
    dnas::test::StopAndJoin guard{worker, token}; // on a failed ASSERT: stop, then join
    ASSERT_TRUE(token.waitUntilParked(1, kNeverParked)) << "the trainer never parked";
    EXPECT_EQ(stepsSeen, 3); // parked before the fourth step (read after the acknowledgement)
    // Held paused a while, so that a token which acknowledged without blocking would run the
    // fourth step now (a failure in the callback). A correct token passes without the wait.
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    token.resume();
    worker.join();
    EXPECT_EQ(token.parkCount(), 1);
    EXPECT_EQ(r.steps.size(), static_cast<size_t>(2 * kTrainImages / 32));
    EXPECT_EQ(r.epochs.size(), 2u);
    EXPECT_TRUE(fs::exists(fs::path(out) / "weights.pt"));
}

TEST(Trainer, LimitTrainsOnTheFirstImagesOnlyAndTestsOnTheWholeTestSet) {
    TrainSettings s = toySettings(1);
    s.limit = 64;
    Reports r;
    const std::string out = outDir("limit");
    const TrainResult result = Trainer(toySpace(), toyArch(), toyData("limit"), "toy.study.json", s)
                                   .run(out, r.callback());
    ASSERT_FALSE(r.steps.empty());
    EXPECT_EQ(r.steps.back().steps, 64 / s.batch_size);
    EXPECT_EQ(r.steps.size(), static_cast<size_t>(64 / s.batch_size));
    EXPECT_EQ(result.test_images, static_cast<int64_t>(kTestImages));
    const auto record = readJsonFile(out + "/train.json");
    EXPECT_EQ(record.at("test_images").get<int64_t>(), static_cast<int64_t>(kTestImages));
}

TEST(Trainer, BadInputIsAClearError) {
    // An architecture that does not fit the space: refused when the trainer is made.
    Architecture shortArch = toyArch();
    shortArch.ops.pop_back();
    std::string what = testsupport::errorOf(
        [&] { Trainer(toySpace(), shortArch, toyData("bad"), "toy.study.json", toySettings()); });
    EXPECT_NE(what.find("architecture"), std::string::npos) << what;
    EXPECT_NE(what.find("ops"), std::string::npos) << what;
    Architecture unknown = toyArch();
    unknown.ops[1] = "k9_e9";
    what = testsupport::errorOf(
        [&] { Trainer(toySpace(), unknown, toyData("bad"), "toy.study.json", toySettings()); });
    EXPECT_NE(what.find("ops[1]"), std::string::npos) << what;
    EXPECT_NE(what.find("k9_e9"), std::string::npos) << what;

    // A missing dataset: named, and no output folder.
    const std::string out = outDir("bad-data");
    Trainer missing(toySpace(), toyArch(), {{"kind", "idx"}, {"path", "/nonexistent/toy"}},
                    "toy.study.json", toySettings());
    what = testsupport::errorOf([&] { missing.run(out); });
    EXPECT_NE(what.find("/nonexistent/toy"), std::string::npos) << what;
    EXPECT_FALSE(fs::exists(out));

    // More classes than the space has outputs: refused before training, naming both.
    Trainer wide(toySpace(), toyArch(), toyData("wide", 4), "toy.study.json", toySettings());
    Reports r;
    what = testsupport::errorOf([&] { wide.run(out, r.callback()); });
    EXPECT_NE(what.find("num_classes"), std::string::npos) << what;
    EXPECT_NE(what.find("4 classes"), std::string::npos) << what;
    EXPECT_TRUE(r.steps.empty());
}
