// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/data/Dataset.h"

#include <string>
#include <vector>

namespace dnas {

// The CIFAR "binary version" files. CIFAR-10: data_batch_1..5.bin + test_batch.bin, records of
// 1 label byte + 3072 pixel bytes (R, G, B planes of 32x32). CIFAR-100: train.bin + test.bin,
// records of 2 label bytes (coarse, fine) + 3072; the fine label (100 classes) is used.
// The folder may be the one holding the files or its parent (cifar-10-batches-bin/,
// cifar-100-binary/ inside it), as the archives unpack.
class CifarReader {
  public:
    enum class Variant { Cifar10, Cifar100 };

    // The folder that actually holds the .bin files, or "" if neither it nor the usual
    // sub-folder does.
    static std::string resolveDir(const std::string& dir, Variant v);
    static bool looksLike(const std::string& dir, Variant v) { return !resolveDir(dir, v).empty(); }

    // Concatenated records of the given files; limit >= 0 stops after that many samples.
    static Dataset readFiles(const std::vector<std::string>& files, Variant v, int64_t limit = -1);

    static DatasetPair load(const std::string& dir, Variant v, int64_t trainLimit = -1,
                            int64_t testLimit = -1);

    // Sizes only (file lengths against the record size): {train N, test N}.
    static std::vector<int64_t> check(const std::string& dir, Variant v);

    // batches.meta.txt / fine_label_names.txt when present, else the published names.
    static std::vector<std::string> classNames(const std::string& dir, Variant v);

    static std::vector<std::string> trainFiles(const std::string& resolvedDir, Variant v);
    static std::string testFile(const std::string& resolvedDir, Variant v);
};

} // namespace dnas
