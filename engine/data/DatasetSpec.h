// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// No LibTorch here: the GUI includes this to describe and check datasets.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace dnas {

// Result of a quick validation (headers and folder structure only, no pixels decoded).
struct DatasetCheck {
    bool ok = false;
    std::string kind;    // detected or given
    std::string message; // the DnasError text when !ok, a one-line summary when ok
    int64_t train_size = 0;
    int64_t test_size = 0; // 0 for an image folder without a test folder (held out at load)
    int num_classes = 0;
};

// A dataset as a study file describes it:
//   {"kind": "idx" | "cifar10" | "cifar100" | "folder"   (optional: detected from the folder),
//    "path": "/usr/share/datasets/fashion-mnist"          (relative: to the study file's folder),
//    "limit": 5000,         (optional: first N training samples; -1 all)
//    "test_limit": 1000,    (optional; default: same as limit)
//    "num_classes": 10, "class_names": [...]              (idx only; optional)
//    "channels": 0, "image_size": 0,                      (folder only: 0 = automatic)
//    "holdout": 0.2, "seed": 0}                           (folder without test/: held-out test)
// A limit keeps the first N of each split: IDX and CIFAR files are already in random order,
// image folders are read with classes interleaved, so a prefix is close to class-balanced.
struct DatasetSpec {
    std::string kind; // "" = detect
    std::string path;
    int64_t limit = -1;
    static constexpr int64_t kSameAsLimit = -2;
    int64_t test_limit = kSameAsLimit;
    int num_classes = 10;
    std::vector<std::string> class_names;
    int channels = 0;
    int image_size = 0;
    double holdout = 0.2;
    uint64_t seed = 0;

    static constexpr const char* kDefaultPath = "/usr/share/datasets/fashion-mnist";
    static DatasetSpec fashionMnist(int64_t limit = -1);

    // `file` is the study file: named in errors, and relative paths are resolved against it.
    static DatasetSpec fromJson(const nlohmann::json& j, const std::string& file = "");
    nlohmann::json toJson() const;

    // "idx", "cifar10", "cifar100", "folder", or "" when the folder is none of them.
    static std::string detectKind(const std::string& path);
    // kind, or the detected one; throws DnasError naming the path when nothing fits.
    std::string resolvedKind() const;
    int64_t effectiveTestLimit() const { return test_limit == -2 ? limit : test_limit; }

    // Never throws: the GUI shows `message` next to the path field.
    DatasetCheck check() const;
};

} // namespace dnas
