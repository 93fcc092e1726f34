// SPDX-License-Identifier: GPL-3.0-or-later
// IDX (MNIST format) files, raw or gzip: header check, then images or labels (first 64).
#include "engine/data/IdxReader.h"
#include "tests/fuzz/FuzzSupport.h"

namespace {
constexpr int64_t kLimit = 64; // samples read per input: enough to reach every code path
} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    at::set_num_threads(1); // no thread pool to start per input, none left over as a "leak"
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string path =
        dnas::fuzz::writeScratch("x-idx-ubyte", reinterpret_cast<const char*>(data), size);
    dnas::fuzz::refuseOrAccept([&] {
        const auto dims = dnas::IdxReader::readHeader(path);
        if (dims.size() == 3) {
            const torch::Tensor images = dnas::IdxReader::readImages(path, kLimit);
            dnas::fuzz::require(images.size(0) == std::min(kLimit, dims[0]));
        } else if (dims.size() == 1) {
            const torch::Tensor labels = dnas::IdxReader::readLabels(path, kLimit);
            dnas::fuzz::require(labels.size(0) == std::min(kLimit, dims[0]));
        }
    });
    return 0;
}
