// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/data/Dataset.h"

#include <cstdint>
#include <string>
#include <vector>

namespace dnas {

// A folder of images, one sub-folder per class (sorted names give the class indices, as in
// torchvision's ImageFolder). Two layouts:
//   root/train/<class>/*  and  root/test/<class>/* (or root/val/) — the official test set;
//   root/<class>/*        — no test set: a seeded, per-class `holdout` fraction becomes one.
// Files: PNG, JPEG, BMP, GIF, TGA (decoded by stb_image). Any other non-hidden file in a class
// folder is an error naming it, so a wrong folder is noticed rather than silently half-read.
class ImageFolderReader {
  public:
    struct Options {
        int channels = 0;     // 0: 1 when every image is grayscale, else 3
        int size = 0;         // 0: the first training image's height x width
        double holdout = 0.2; // test fraction when there is no test folder
        uint64_t seed = 0;    // for that hold-out
        int64_t train_limit = -1;
        int64_t test_limit = -1;
    };

    struct Listing {
        std::vector<std::string> class_names;
        std::vector<std::vector<std::string>> files; // per class, sorted
        int64_t count() const;
    };

    // Where the class folders are: {train root, test root or ""}; throws when there are none.
    static std::pair<std::string, std::string> roots(const std::string& dir);
    static bool looksLike(const std::string& dir);

    // Lists the class folders and their files; throws on an empty class or no class folders.
    static Listing list(const std::string& root);

    // Decodes everything (or the limits: classes interleaved, so a small limit still sees every
    // class). Images whose size differs from the common size are resized bilinearly.
    static DatasetPair load(const std::string& dir, const Options& options);

    // Structure plus the headers of up to `probe` files per class: {train N, test N (0 when
    // held out), classes}.
    static std::vector<int64_t> check(const std::string& dir, int probe = 8);
};

} // namespace dnas
