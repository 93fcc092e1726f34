// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <torch/torch.h>

#include <cstdint>
#include <random>
#include <vector>

namespace dnas {

// The one source of randomness for splits, shuffles and augmentation. std::mt19937_64's output
// sequence is fixed by the C++ standard, but std::uniform_int_distribution is not (libstdc++ and
// libc++ differ), so bounded draws are done here by rejection sampling: the same seed gives the
// same split, order and crops on every machine and compiler.
class SeededRng {
  public:
    explicit SeededRng(uint64_t seed) : engine_(seed) {}

    // Seeds derived from (seed, stream) with splitmix64, so e.g. epoch 7 of a resumed run gets
    // the same stream as epoch 7 of the original run without replaying epochs 0..6.
    static uint64_t derive(uint64_t seed, uint64_t stream) {
        uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (stream + 1);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }

    uint64_t next() { return engine_(); }

    // Uniform in [0, n), n > 0, unbiased.
    uint64_t below(uint64_t n) {
        const uint64_t limit = UINT64_MAX - UINT64_MAX % n;
        uint64_t x;
        do {
            x = engine_();
        } while (x >= limit);
        return x % n;
    }

    bool coin() { return (engine_() >> 63) != 0; }

    // Fisher-Yates permutation of 0..n-1 as an int64 tensor.
    torch::Tensor permutation(int64_t n) {
        torch::Tensor out = torch::arange(n, torch::kLong);
        int64_t* p = out.data_ptr<int64_t>();
        for (int64_t i = n - 1; i > 0; --i)
            std::swap(p[i], p[static_cast<int64_t>(below(static_cast<uint64_t>(i) + 1))]);
        return out;
    }

  private:
    std::mt19937_64 engine_;
};

} // namespace dnas
