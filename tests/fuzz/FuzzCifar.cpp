// SPDX-License-Identifier: GPL-3.0-or-later
// CIFAR binary batches. The first byte picks CIFAR-10 (even) or CIFAR-100 (odd); the rest is the
// file. Reads at most 16 records.
#include "engine/data/CifarReader.h"
#include "tests/fuzz/FuzzSupport.h"

namespace {
constexpr int64_t kLimit = 16; // records read per input
} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    at::set_num_threads(1); // no thread pool to start per input, none left over as a "leak"
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0)
        return 0;
    const auto variant =
        data[0] % 2 ? dnas::CifarReader::Variant::Cifar100 : dnas::CifarReader::Variant::Cifar10;
    const std::string path =
        dnas::fuzz::writeScratch("batch.bin", reinterpret_cast<const char*>(data + 1), size - 1);
    dnas::fuzz::refuseOrAccept([&] {
        const dnas::Dataset d = dnas::CifarReader::readFiles({path}, variant, kLimit);
        dnas::fuzz::require(d.size() >= 1 && d.size() <= kLimit);
        dnas::fuzz::require(d.labels.min().item<int64_t>() >= 0 &&
                            d.labels.max().item<int64_t>() < d.num_classes);
    });
    return 0;
}
