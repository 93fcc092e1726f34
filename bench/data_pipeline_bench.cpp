// SPDX-License-Identifier: GPL-3.0-or-later
// Images/s of the engine's data path, the figures the data unit tests used to print (and one
// of them assert) before they moved here: a loaded machine made them flaky, and a test that
// times itself checks nothing. Synthetic parts always run; the Fashion-MNIST parts run when
// the dataset is installed at --data.
//
//   data_pipeline_bench [--reps 20] [--threads 1] [--data /usr/share/datasets/fashion-mnist]
//
// Prints one JSON object:
//   augment_img_s          Augmenter crop + flip of 256 uint8 images 3x32x32, best of --reps
//   batch_pipeline_img_s   BatchIterator epoch of 4,096 images 28x28x1 -> 32x32x3 + augment +
//                          normalise, batch 256 (gather to channels-last float), best of --reps
//   fmnist_load_s          IdxReader::load of Fashion-MNIST (gzip, train + test), once
//   fmnist_pipeline_s      DataPipeline for a 3x32x32 space (load + split + statistics), once
//   fmnist_theta_img_s     one θ-split epoch of that pipeline, batch 256
// (the fmnist_* keys are null without the dataset), and the settings used.
#include "engine/data/Augmenter.h"
#include "engine/data/BatchIterator.h"
#include "engine/data/DataPipeline.h"
#include "engine/data/IdxReader.h"
#include "engine/data/InputAdapter.h"
#include "engine/data/Normalizer.h"
#include "engine/data/SeededRng.h"
#include "engine/util/DnasError.h"
#include "engine/util/TorchSetup.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>

namespace {
using Clock = std::chrono::steady_clock;
constexpr int64_t kAugmentBatch = 256;
constexpr int64_t kPipelineImages = 4096;
constexpr int64_t kBatch = 256;

struct Options {
    int reps = 20;
    int threads = 1;
    std::string data = "/usr/share/datasets/fashion-mnist";
};

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string key = argv[i];
        if (key.rfind("--", 0) != 0 || i + 1 >= argc)
            throw dnas::DnasError("", key, "expected --option value (see the header of this file)");
        const std::string value = argv[++i];
        if (key == "--reps" || key == "--threads") {
            const int v = std::stoi(value);
            if (v < 1)
                throw dnas::DnasError("", key, "must be >= 1");
            (key == "--reps" ? o.reps : o.threads) = v;
        } else if (key == "--data")
            o.data = value;
        else
            throw dnas::DnasError("", key, "unknown option");
    }
    return o;
}

double secondsSince(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

// Best of `reps` (after one untimed call): the run least disturbed by the rest of the machine.
template <class F> double bestSeconds(int reps, F&& f) {
    f();
    double best = 1e300;
    for (int i = 0; i < reps; ++i) {
        const auto t0 = Clock::now();
        f();
        best = std::min(best, secondsSince(t0));
    }
    return best;
}

double augmentRate(int reps) {
    const torch::Tensor x =
        torch::randint(0, 256, {kAugmentBatch, 3, 32, 32}, torch::kLong).to(torch::kUInt8);
    const dnas::Augmenter a(dnas::AugmentOptions{}, 32);
    dnas::SeededRng rng(1);
    const double s = bestSeconds(reps, [&] { a.apply(x, rng); });
    return static_cast<double>(kAugmentBatch) / s;
}

double batchPipelineRate(int reps) {
    dnas::Dataset d;
    d.images = torch::randint(0, 256, {kPipelineImages, 1, 28, 28}, torch::kLong).to(torch::kUInt8);
    d.labels = torch::randint(0, 10, {kPipelineImages}, torch::kLong);
    d.num_classes = 10;
    const dnas::InputAdapter adapter(3, 32);
    const dnas::Normalizer norm(dnas::Normalizer::compute(d.images, {}, adapter));
    dnas::BatchIterator it(d, {}, dnas::BatchOptions{kBatch, true, true, 9}, adapter, norm,
                           dnas::Augmenter(dnas::AugmentOptions{}, 32));
    int epoch = 0;
    int64_t images = 0;
    const double s = bestSeconds(reps, [&] {
        it.startEpoch(epoch++);
        dnas::Batch b;
        images = 0;
        while (it.next(b))
            images += b.images.size(0);
    });
    return static_cast<double>(images) / s;
}

int run(const Options& o) {
    dnas::configureTorchThreads(o.threads);
    nlohmann::json out = {{"bench", "data_pipeline"},
                          {"threads", o.threads},
                          {"reps", o.reps},
                          {"augment_img_s", augmentRate(o.reps)},
                          {"batch_pipeline_img_s", batchPipelineRate(o.reps)},
                          {"fmnist_load_s", nullptr},
                          {"fmnist_pipeline_s", nullptr},
                          {"fmnist_theta_img_s", nullptr},
                          {"data", o.data}};
    if (std::filesystem::exists(o.data + "/train-images-idx3-ubyte.gz")) {
        auto t0 = Clock::now();
        const dnas::DatasetPair pair = dnas::IdxReader::load(o.data);
        out["fmnist_load_s"] = secondsSince(t0);
        dnas::DatasetSpec spec = dnas::DatasetSpec::fashionMnist();
        spec.path = o.data;
        dnas::DataSettings settings;
        settings.normalization = "constants";
        t0 = Clock::now();
        const dnas::DataPipeline p(spec, 3, 32, settings);
        out["fmnist_pipeline_s"] = secondsSince(t0);
        dnas::BatchIterator theta = p.theta(kBatch);
        dnas::Batch b;
        int64_t images = 0;
        t0 = Clock::now();
        while (theta.next(b))
            images += b.images.size(0);
        out["fmnist_theta_img_s"] = static_cast<double>(images) / secondsSince(t0);
        out["fmnist_train_images"] = pair.train.size();
    }
    std::cout << out.dump() << std::endl;
    return 0;
}
} // namespace

int main(int argc, char** argv) {
    try {
        return run(parse(argc, argv));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "data_pipeline_bench: %s\n", e.what());
        return 2;
    }
}
