// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/data/DatasetLoader.h"

#include "engine/data/CifarReader.h"
#include "engine/data/IdxReader.h"
#include "engine/data/ImageFolderReader.h"

namespace dnas {

DatasetPair DatasetLoader::load(const DatasetSpec& spec) {
    const std::string kind = spec.resolvedKind();
    const int64_t testLimit = spec.effectiveTestLimit();
    if (kind == "idx")
        return IdxReader::load(spec.path, spec.limit, testLimit, spec.num_classes,
                               spec.class_names);
    if (kind == "cifar10")
        return CifarReader::load(spec.path, CifarReader::Variant::Cifar10, spec.limit, testLimit);
    if (kind == "cifar100")
        return CifarReader::load(spec.path, CifarReader::Variant::Cifar100, spec.limit, testLimit);
    ImageFolderReader::Options o;
    o.channels = spec.channels;
    o.size = spec.image_size;
    o.holdout = spec.holdout;
    o.seed = spec.seed;
    o.train_limit = spec.limit;
    o.test_limit = testLimit;
    return ImageFolderReader::load(spec.path, o);
}

bool DatasetLoader::flipIsSensible(const DatasetSpec& spec, const Dataset& data) {
    if (spec.resolvedKind() != "idx")
        return true;
    return !data.class_names.empty() && data.class_names.front() == "T-shirt/top";
}

std::string DatasetLoader::knownStatsName(const DatasetSpec& spec, const Dataset& data) {
    const std::string kind = spec.resolvedKind();
    if (kind == "cifar10" || kind == "cifar100")
        return kind;
    if (kind == "idx")
        return !data.class_names.empty() && data.class_names.front() == "T-shirt/top"
                   ? "fashion-mnist"
                   : "mnist";
    // An image folder is anything: ImageNet's constants would be a guess, so callers compute.
    return "";
}

} // namespace dnas
