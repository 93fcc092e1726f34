// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/data/DatasetSpec.h"

#include "engine/data/CifarReader.h"
#include "engine/data/IdxReader.h"
#include "engine/data/ImageFolderReader.h"
#include "engine/util/DnasError.h"

#include <filesystem>

namespace fs = std::filesystem;

namespace dnas {

DatasetSpec DatasetSpec::fashionMnist(int64_t limit) {
    DatasetSpec s;
    s.kind = "idx";
    s.path = kDefaultPath;
    s.limit = limit;
    return s;
}

DatasetSpec DatasetSpec::fromJson(const nlohmann::json& j, const std::string& file) {
    if (!j.is_object())
        throw DnasError(file, "dataset", "expected an object");
    DatasetSpec s;
    const auto field = [&](const char* key, auto& value) {
        if (!j.contains(key))
            return;
        try {
            j.at(key).get_to(value);
        } catch (const nlohmann::json::exception&) {
            throw DnasError(file, std::string("dataset.") + key, "wrong type");
        }
    };
    field("kind", s.kind);
    field("path", s.path);
    field("limit", s.limit);
    field("test_limit", s.test_limit);
    field("num_classes", s.num_classes);
    field("class_names", s.class_names);
    field("channels", s.channels);
    field("image_size", s.image_size);
    field("holdout", s.holdout);
    field("seed", s.seed);
    if (s.kind == "auto")
        s.kind.clear();
    if (!s.kind.empty() && s.kind != "idx" && s.kind != "cifar10" && s.kind != "cifar100" &&
        s.kind != "folder")
        throw DnasError(file, "dataset.kind",
                        "unknown kind '" + s.kind + "' (idx, cifar10, cifar100, folder)");
    if (s.path.empty())
        throw DnasError(file, "dataset.path", "missing");
    if (!file.empty() && fs::path(s.path).is_relative())
        s.path = (fs::path(file).parent_path() / s.path).lexically_normal().string();
    if (s.limit < -1 || s.limit == 0)
        throw DnasError(file, "dataset.limit", "must be >= 1 or -1");
    if (s.test_limit < -2 || s.test_limit == 0)
        throw DnasError(file, "dataset.test_limit", "must be >= 1 or -1");
    if (s.num_classes < 2 || s.num_classes > 256)
        throw DnasError(file, "dataset.num_classes", "must be in [2, 256]");
    if (!s.class_names.empty() && int(s.class_names.size()) != s.num_classes)
        throw DnasError(file, "dataset.class_names", "needs num_classes entries");
    if (s.channels != 0 && s.channels != 1 && s.channels != 3)
        throw DnasError(file, "dataset.channels", "must be 0 (auto), 1 or 3");
    if (s.image_size < 0 || s.image_size > 4096)
        throw DnasError(file, "dataset.image_size", "must be 0 (auto) or 1..4096");
    if (!(s.holdout > 0.0 && s.holdout < 1.0))
        throw DnasError(file, "dataset.holdout", "must be in (0, 1)");
    return s;
}

nlohmann::json DatasetSpec::toJson() const {
    // An empty kind stays absent (detected at load); the kind-specific fields are written for
    // the kind that is or would be detected, so a study keeps them even if the folder moves.
    nlohmann::json j{{"path", path}};
    if (!kind.empty())
        j["kind"] = kind;
    if (limit != -1)
        j["limit"] = limit;
    if (test_limit != kSameAsLimit)
        j["test_limit"] = test_limit;
    const std::string k = kind.empty() ? detectKind(path) : kind;
    if (k == "idx") {
        if (num_classes != 10)
            j["num_classes"] = num_classes;
        if (!class_names.empty())
            j["class_names"] = class_names;
    }
    if (k == "folder") {
        j["channels"] = channels;
        j["image_size"] = image_size;
        j["holdout"] = holdout;
        j["seed"] = seed;
    }
    return j;
}

std::string DatasetSpec::detectKind(const std::string& path) {
    std::error_code ec;
    if (!fs::is_directory(path, ec))
        return "";
    if (IdxReader::looksLike(path))
        return "idx";
    if (CifarReader::looksLike(path, CifarReader::Variant::Cifar10))
        return "cifar10";
    if (CifarReader::looksLike(path, CifarReader::Variant::Cifar100))
        return "cifar100";
    if (ImageFolderReader::looksLike(path))
        return "folder";
    return "";
}

std::string DatasetSpec::resolvedKind() const {
    if (!kind.empty())
        return kind;
    std::error_code ec;
    if (!fs::is_directory(path, ec))
        throw DnasError(path, "", "no such folder");
    const std::string k = detectKind(path);
    if (k.empty())
        throw DnasError(path, "",
                        "not a dataset folder (no IDX files, CIFAR .bin files or class folders)");
    return k;
}

DatasetCheck DatasetSpec::check() const {
    DatasetCheck c;
    try {
        c.kind = resolvedKind();
        if (c.kind == "idx") {
            const auto v = IdxReader::check(path);
            c.train_size = v[0];
            c.test_size = v[1];
            c.num_classes = num_classes;
            c.message = std::to_string(v[2]) + "x" + std::to_string(v[3]) + "x1";
        } else if (c.kind == "cifar10" || c.kind == "cifar100") {
            const auto var = c.kind == "cifar10" ? CifarReader::Variant::Cifar10
                                                 : CifarReader::Variant::Cifar100;
            const auto v = CifarReader::check(path, var);
            c.train_size = v[0];
            c.test_size = v[1];
            c.num_classes = c.kind == "cifar10" ? 10 : 100;
            c.message = "32x32x3";
        } else {
            const auto v = ImageFolderReader::check(path);
            c.train_size = v[0];
            c.test_size = v[1];
            c.num_classes = int(v[2]);
            c.message = v[1] == 0 ? "image folder, test set held out" : "image folder";
        }
        c.message = c.kind + ": " + std::to_string(c.train_size) + " train / " +
                    std::to_string(c.test_size) + " test, " + std::to_string(c.num_classes) +
                    " classes, " + c.message;
        c.ok = true;
    } catch (const std::exception& e) {
        c.ok = false;
        c.message = e.what();
    }
    return c;
}

} // namespace dnas
