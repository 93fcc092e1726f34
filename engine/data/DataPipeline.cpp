// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/data/DataPipeline.h"

#include "engine/data/DatasetLoader.h"
#include "engine/util/DnasError.h"

namespace dnas {

nlohmann::json DataSettings::toJson() const {
    nlohmann::json aug = augment.toJson();
    if (flip_auto)
        aug.erase("flip");
    nlohmann::json j{{"split", split.toJson()}, {"augment", aug}};
    if (normalization == "custom")
        j["normalization"] = custom_stats.toJson();
    else
        j["normalization"] = normalization;
    return j;
}

DataSettings DataSettings::fromJson(const nlohmann::json& j, const std::string& file) {
    DataSettings s;
    if (!j.is_object())
        throw DnasError(file, "data", "expected an object");
    if (j.contains("split"))
        s.split = SplitSettings::fromJson(j.at("split"), file);
    if (j.contains("augment")) {
        s.augment = AugmentOptions::fromJson(j.at("augment"), file);
        s.flip_auto = !j.at("augment").contains("flip");
    }
    if (j.contains("normalization")) {
        const auto& n = j.at("normalization");
        if (n.is_object()) {
            s.normalization = "custom";
            s.custom_stats = NormStats::fromJson(n, file);
        } else if (n.is_string() && (n == "dataset" || n == "constants" || n == "none")) {
            s.normalization = n.get<std::string>();
        } else {
            throw DnasError(file, "data.normalization",
                            "expected \"dataset\", \"constants\", \"none\" or {mean, std}");
        }
    }
    return s;
}

DataPipeline::DataPipeline(const DatasetSpec& spec, int channels, int size,
                           const DataSettings& settings)
    : DataPipeline(DatasetLoader::load(spec), spec, channels, size, settings) {}

DataPipeline::DataPipeline(DatasetPair data, const DatasetSpec& spec, int channels, int size,
                           const DataSettings& settings)
    : spec_(spec), settings_(settings), kind_(spec.resolvedKind()), data_(std::move(data)),
      split_(data_.train.size(), settings.split), adapter_(channels, size) {
    build(channels, size);
}

void DataPipeline::build(int channels, int size) {
    const std::string& n = settings_.normalization;
    const std::string known = DatasetLoader::knownStatsName(spec_, data_.train);
    if (n == "dataset" || (n == "constants" && known.empty())) {
        normalizer_ =
            Normalizer(Normalizer::compute(data_.train.images, split_.weights(), adapter_));
    } else if (n == "constants") {
        normalizer_ = Normalizer(Normalizer::known(known, channels));
    } else if (n == "none") {
        normalizer_ = Normalizer(NormStats{std::vector<double>(size_t(channels), 0.0),
                                           std::vector<double>(size_t(channels), 1.0), "none"});
    } else {
        if (int(settings_.custom_stats.mean.size()) != channels)
            throw DnasError("", "data.normalization",
                            "needs " + std::to_string(channels) + " values per list");
        normalizer_ = Normalizer(settings_.custom_stats);
    }
    AugmentOptions a = settings_.augment;
    if (settings_.flip_auto)
        a.flip = DatasetLoader::flipIsSensible(spec_, data_.train);
    augmenter_ = Augmenter(a, size);
}

BatchIterator DataPipeline::weights(int64_t batchSize) const {
    return BatchIterator(
        data_.train, split_.weights(),
        BatchOptions{batchSize, true, true, SeededRng::derive(settings_.split.seed, 1)}, adapter_,
        normalizer_, augmenter_);
}

BatchIterator DataPipeline::theta(int64_t batchSize) const {
    return BatchIterator(
        data_.train, split_.theta(),
        BatchOptions{batchSize, true, true, SeededRng::derive(settings_.split.seed, 2)}, adapter_,
        normalizer_, augmenter_);
}

BatchIterator DataPipeline::validation(int64_t batchSize) const {
    return BatchIterator(data_.train, split_.validation(), BatchOptions{batchSize, false, false, 0},
                         adapter_, normalizer_);
}

BatchIterator DataPipeline::test(int64_t batchSize) const {
    return BatchIterator(data_.test, {}, BatchOptions{batchSize, false, false, 0}, adapter_,
                         normalizer_);
}

BatchIterator DataPipeline::fullTrain(int64_t batchSize) const {
    return BatchIterator(
        data_.train, {},
        BatchOptions{batchSize, true, true, SeededRng::derive(settings_.split.seed, 3)}, adapter_,
        normalizer_, augmenter_);
}

nlohmann::json DataPipeline::describe() const {
    const Dataset& t = data_.train;
    nlohmann::json aug{{"enabled", augmenter_.enabled()},
                       {"random_crop_padding", augmenter_.enabled() ? augmenter_.padding() : 0},
                       {"horizontal_flip", augmenter_.enabled() && augmenter_.flips()}};
    return {{"dataset", spec_.toJson()},
            {"source", t.source},
            {"train_size", t.size()},
            {"test_size", data_.test.size()},
            {"num_classes", t.num_classes},
            {"class_names", t.class_names},
            {"stored_shape", {t.channels(), t.height(), t.width()}},
            {"input", {{"channels", adapter_.channels()}, {"size", adapter_.size()}}},
            {"adapter", adapter_.describe(t.channels(), t.height(), t.width())},
            {"normalization", normalizer_.stats().toJson()},
            {"augmentation", aug},
            {"split", split_.toJson()}};
}

} // namespace dnas
