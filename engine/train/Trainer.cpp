// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/train/Trainer.h"
#include "engine/cost/ModelCounter.h"
#include "engine/data/BatchIterator.h"
#include "engine/data/DatasetLoader.h"
#include "engine/data/DatasetSpec.h"
#include "engine/nn/ChildNet.h"
#include "engine/search/StopPauseToken.h"
#include "engine/util/DnasError.h"
#include "engine/util/JsonFile.h"
#include "engine/util/TorchSetup.h"

#include <chrono>
#include <cmath>
#include <filesystem>

namespace fs = std::filesystem;

namespace dnas {

namespace {
constexpr int kEvalBatch = 500;
using Clock = std::chrono::steady_clock;

struct Evaluation {
    double accuracy = 0.0, loss = 0.0;
    int64_t images = 0;
};

Evaluation evaluate(ChildNet& net, BatchIterator& it, const torch::Device& device) {
    torch::NoGradGuard noGrad;
    net->eval();
    it.startEpoch(0);
    Batch b;
    double correct = 0, seen = 0, lossSum = 0;
    while (it.next(b)) {
        const torch::Tensor logits = net->forward(b.images.to(device));
        const torch::Tensor y = b.labels.to(device);
        lossSum += torch::nn::functional::cross_entropy(logits, y).item<double>() * y.size(0);
        correct += logits.argmax(1).eq(y).sum().item<double>();
        seen += static_cast<double>(y.size(0));
    }
    net->train();
    return {seen > 0 ? correct / seen : 0.0, seen > 0 ? lossSum / seen : 0.0,
            static_cast<int64_t>(seen)};
}
} // namespace

Trainer::Trainer(SearchSpace space, Architecture arch, nlohmann::json datasetSpec,
                 std::string studyFile, TrainSettings settings)
    : space_(std::move(space)), arch_(std::move(arch)), dataset_(std::move(datasetSpec)),
      studyFile_(std::move(studyFile)), settings_(settings) {
    arch_.checkAgainst(space_, "architecture");
}

TrainResult Trainer::run(const std::string& outDir, const Progress& progress,
                         StopPauseToken* control) {
    configureTorchThreads(settings_.threads);
    const torch::Device device = torch::cuda::is_available() ? torch::kCUDA : torch::kCPU;
    DatasetSpec spec = DatasetSpec::fromJson(dataset_, studyFile_);
    if (settings_.limit > 0) {
        spec.limit = settings_.limit;
        // The limit shortens training; the accuracy reported is still on the whole test set
        // unless the dataset itself asks for fewer test images.
        if (spec.test_limit == DatasetSpec::kSameAsLimit)
            spec.test_limit = -1;
    }
    const DatasetPair data = DatasetLoader::load(spec);
    if (data.train.num_classes > space_.num_classes) // else a label past the logits, mid-epoch
        throw DnasError(spec.path, "num_classes",
                        "the dataset has " + std::to_string(data.train.num_classes) +
                            " classes but space \"" + space_.name + "\" has " +
                            std::to_string(space_.num_classes) + " outputs");
    const SearchSpace space = arch_.applyTo(space_);
    const InputAdapter adapter(space.input_channels, space.input_size);
    const std::string known = DatasetLoader::knownStatsName(spec, data.train);
    const NormStats stats = known.empty() ? Normalizer::compute(data.train.images, {}, adapter)
                                          : Normalizer::known(known, space.input_channels);
    AugmentOptions aug;
    aug.enabled = settings_.augment;
    aug.crop_padding = settings_.crop_padding;
    aug.flip = DatasetLoader::flipIsSensible(spec, data.train);
    BatchOptions trainOpts{settings_.batch_size, true, true, settings_.seed};
    BatchIterator train(data.train, {}, trainOpts, adapter, Normalizer(stats),
                        Augmenter(aug, space.input_size));
    BatchIterator test(data.test, {}, BatchOptions{kEvalBatch, false, false, 0}, adapter,
                       Normalizer(stats));

    torch::manual_seed(settings_.seed);
    ChildNet net(space_, arch_);
    net->to(device);
    torch::optim::SGD opt(net->parameters(), torch::optim::SGDOptions(settings_.scaledLr())
                                                 .momentum(settings_.momentum)
                                                 .weight_decay(settings_.weight_decay)
                                                 .nesterov(true));
    const auto ceOptions =
        torch::nn::functional::CrossEntropyFuncOptions().label_smoothing(settings_.label_smoothing);
    const int64_t steps = train.batchesPerEpoch();
    const int64_t total = steps * settings_.epochs;
    TrainResult result;
    nlohmann::json history = nlohmann::json::array();
    const auto start = Clock::now();
    int64_t done = 0;
    for (int epoch = 0; epoch < settings_.epochs; ++epoch) {
        train.startEpoch(epoch);
        Batch b;
        TrainProgress p;
        p.epoch = epoch;
        p.epochs = settings_.epochs;
        p.steps = steps;
        double correct = 0, seen = 0, lossSum = 0;
        const auto epochStart = Clock::now();
        while (train.next(b)) {
            if (control && !control->waitWhilePaused())
                return result;
            const double lr = 0.5 * settings_.scaledLr() *
                              (1.0 + std::cos(M_PI * static_cast<double>(done) / total));
            for (auto& g : opt.param_groups())
                static_cast<torch::optim::SGDOptions&>(g.options()).lr(lr);
            const torch::Tensor y = b.labels.to(device);
            const torch::Tensor logits = net->forward(b.images.to(device));
            const torch::Tensor loss = torch::nn::functional::cross_entropy(logits, y, ceOptions);
            opt.zero_grad();
            loss.backward();
            opt.step();
            ++done;
            lossSum += loss.item<double>() * y.size(0);
            correct += logits.argmax(1).eq(y).sum().item<double>();
            seen += static_cast<double>(y.size(0));
            const double elapsed = std::chrono::duration<double>(Clock::now() - epochStart).count();
            p.step = train.batchIndex();
            p.loss = lossSum / seen;
            p.train_accuracy = correct / seen;
            p.images_per_s = seen / std::max(elapsed, 1e-9);
            p.eta_s = std::chrono::duration<double>(Clock::now() - start).count() / done *
                      static_cast<double>(total - done);
            if (progress)
                progress(p);
        }
        const Evaluation ev = evaluate(net, test, device);
        p.test_accuracy = ev.accuracy;
        result.test_loss = ev.loss;
        result.test_images = ev.images;
        result.test_accuracy = p.test_accuracy;
        history.push_back({{"epoch", epoch},
                           {"loss", p.loss},
                           {"train_accuracy", p.train_accuracy},
                           {"test_accuracy", p.test_accuracy},
                           {"images_per_s", p.images_per_s}});
        if (progress)
            progress(p);
    }
    result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    const OpCount count = ModelCounter::count(space_, arch_).total();
    result.macs = count.macs;
    result.params = count.params;

    fs::create_directories(outDir);
    result.weights_path = (fs::path(outDir) / "weights.pt").string();
    net->to(torch::kCPU);
    torch::save(net, result.weights_path + ".tmp");
    fs::rename(result.weights_path + ".tmp", result.weights_path);
    Architecture arch = arch_;
    arch.accuracy = result.test_accuracy;
    nlohmann::json archJson = arch.toJson();
    archJson["macs"] = result.macs;
    archJson["params"] = result.params;
    result.arch_path = (fs::path(outDir) / "arch.json").string();
    writeJsonFileAtomic(result.arch_path, archJson);
    writeJsonFileAtomic((fs::path(outDir) / "train.json").string(),
                        {{"format", "dnas-train/1"},
                         {"settings", settings_.toJson()},
                         {"space", space_.toJson()},
                         {"arch", arch.toString()},
                         {"dataset", dataset_},
                         {"normalisation", stats.toJson()},
                         {"test_accuracy", result.test_accuracy},
                         {"test_images", result.test_images},
                         {"seconds", result.seconds},
                         {"history", history}});
    return result;
}

} // namespace dnas
