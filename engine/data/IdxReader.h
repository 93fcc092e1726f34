// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/data/Dataset.h"

#include <cstdint>
#include <string>
#include <vector>

namespace dnas {

// MNIST-format (IDX) files, gzip-compressed or raw (zlib reads both). A folder holds
// train-images / train-labels / t10k-images / t10k-labels files (".idx3-ubyte" or "-idx3-ubyte",
// optionally ".gz"), as Fashion-MNIST and MNIST ship them.
class IdxReader {
  public:
    // Dimensions from the header, after checking it against the file's length (raw: file size;
    // gzip: the trailer's uncompressed size and zlib's maximal ratio). Reads 4..20 bytes, so it is
    // the quick check too. Throws DnasError naming the file.
    static std::vector<int64_t> readHeader(const std::string& path);

    // uint8 (N,1,H,W) from an idx3 file; limit >= 0 reads only the first `limit` images.
    static torch::Tensor readImages(const std::string& path, int64_t limit = -1);
    // int64 (N) from an idx1 file.
    static torch::Tensor readLabels(const std::string& path, int64_t limit = -1);

    // Path of "<prefix>-images..." / "<prefix>-labels..." in dir, or "" when absent.
    // prefix is "train" or "t10k"; kind is "images" or "labels".
    static std::string findFile(const std::string& dir, const std::string& prefix,
                                const std::string& kind);
    static bool looksLike(const std::string& dir);

    // Both splits. numClasses bounds the labels; classNames empty picks Fashion-MNIST's names
    // when the folder name says "fashion", digits otherwise.
    static DatasetPair load(const std::string& dir, int64_t trainLimit = -1, int64_t testLimit = -1,
                            int numClasses = 10, std::vector<std::string> classNames = {});

    // Headers only: image/label counts agree, sizes plausible. Returns {train N, test N, H, W}.
    static std::vector<int64_t> check(const std::string& dir);

    static std::vector<std::string> fashionMnistClassNames();
};

} // namespace dnas
