// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/search/SearchData.h"
#include "engine/data/Augmenter.h"
#include "engine/data/DataSplit.h"
#include "engine/data/DatasetLoader.h"
#include "engine/data/DatasetSpec.h"
#include "engine/data/InputAdapter.h"
#include "engine/data/Normalizer.h"
#include "engine/data/SeededRng.h"
#include "engine/search/SearchSettings.h"
#include "engine/space/SearchSpace.h"

namespace dnas {

namespace {
constexpr double kValFraction = 0.05;      // validation slice, held out of both w and θ
constexpr uint64_t kOrderStreams = 100003; // epochs per stream before two streams could meet
} // namespace

struct SearchData::Pipeline {
    Normalizer normalizer;
    Augmenter augmenter;
};

SearchData SearchData::load(const nlohmann::json& datasetSpec, const std::string& studyFile,
                            const SearchSpace& space, const SearchSettings& settings) {
    DatasetSpec spec = DatasetSpec::fromJson(datasetSpec, studyFile);
    if (settings.limit > 0)
        spec.limit = settings.limit;
    DatasetPair pair = DatasetLoader::load(spec);
    if (pair.train.num_classes > space.num_classes)
        throw DnasError(spec.path, "num_classes",
                        "the dataset has " + std::to_string(pair.train.num_classes) +
                            " classes but space \"" + space.name + "\" has " +
                            std::to_string(space.num_classes) + " outputs");
    const InputAdapter adapter(space.input_channels, space.input_size);
    const Dataset train = adapter.apply(pair.train);
    SplitSettings split;
    split.theta_fraction = 1.0 - settings.w_fraction;
    split.val_fraction = kValFraction;
    split.seed = settings.seed;
    const DataSplit parts(train.size(), split);
    if (parts.weights().numel() == 0 || parts.theta().numel() == 0)
        throw DnasError(spec.path, "limit", "too few images to split for a search");
    SearchData d;
    d.w_ = train.select(parts.weights());
    d.theta_ = train.select(parts.theta());
    d.val_ = parts.validationIsTheta() ? d.theta_ : train.select(parts.validation());
    const std::string known = DatasetLoader::knownStatsName(spec, pair.train);
    const NormStats stats = known.empty() ? Normalizer::compute(d.w_.images)
                                          : Normalizer::known(known, space.input_channels);
    AugmentOptions aug;
    aug.flip = DatasetLoader::flipIsSensible(spec, pair.train);
    d.pipeline_ =
        std::make_shared<Pipeline>(Pipeline{Normalizer(stats), Augmenter(aug, space.input_size)});
    return d;
}

torch::Tensor SearchData::order(const Dataset& split, uint64_t seed, int epoch, int stream) const {
    SeededRng rng(SeededRng::derive(seed, static_cast<uint64_t>(stream) * kOrderStreams +
                                              static_cast<uint64_t>(epoch)));
    return rng.permutation(split.size());
}

int64_t SearchData::steps(const Dataset& split, int batch) const {
    // Full batches only (BN dislikes a tiny last batch); the shuffle rotates what is left out.
    return std::max<int64_t>(1, split.size() / batch);
}

std::pair<torch::Tensor, torch::Tensor> SearchData::batch(const Dataset& split,
                                                          const torch::Tensor& order, int64_t step,
                                                          int batch, bool augment,
                                                          uint64_t augmentSeed) const {
    const int64_t begin = std::min(step * batch, split.size());
    const int64_t end = std::min(begin + batch, split.size());
    const torch::Tensor idx = order.slice(0, begin, end);
    torch::Tensor x = split.images.index_select(0, idx);
    if (augment && pipeline_->augmenter.enabled()) {
        SeededRng rng(augmentSeed);
        x = pipeline_->augmenter.apply(x, rng);
    }
    x = pipeline_->normalizer.apply(x).contiguous(at::MemoryFormat::ChannelsLast);
    return {x, split.labels.index_select(0, idx)};
}

std::pair<torch::Tensor, torch::Tensor> SearchData::evalBatch(const Dataset& split, int64_t begin,
                                                              int64_t end) const {
    const torch::Tensor x = pipeline_->normalizer.apply(split.images.slice(0, begin, end));
    return {x.contiguous(at::MemoryFormat::ChannelsLast), split.labels.slice(0, begin, end)};
}

nlohmann::json SearchData::normalisation() const {
    return pipeline_->normalizer.stats().toJson();
}

} // namespace dnas
