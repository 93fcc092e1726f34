// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/space/LayerSpec.h"

#include <cstdint>
#include <string>
#include <vector>

namespace dnas {

class SearchSpace;
struct Architecture;
struct OpSpec;

// Multiply-adds and parameters, counted the mobile-vision way: conv and fc multiply-adds
// (BN, ReLU, add, pooling not counted); conv and fc weights plus biases where a layer has them
// (BN not counted).
struct OpCount {
    int64_t macs = 0;
    int64_t params = 0;
    OpCount& operator+=(const OpCount& o) {
        macs += o.macs;
        params += o.params;
        return *this;
    }
};

struct NetCount {
    OpCount stem, head, fc;
    std::vector<OpCount> layers;
    OpCount total() const;
};

// Analytic, so it needs no tensors: the GUI summary and the search's MAC cost model use it.
class ModelCounter {
  public:
    static OpCount block(const OpSpec& op, const LayerShape& shape, bool alwaysPw);
    static OpCount conv(int cIn, int cOut, int kernel, int outH, int outW, int groups, bool bias);
    static NetCount count(const SearchSpace& space, const Architecture& arch);
    // Squeeze-excite bottleneck width for a block with `mid` channels (mobile-vision: mid/4, /8).
    static int seChannels(int mid);
};

} // namespace dnas
