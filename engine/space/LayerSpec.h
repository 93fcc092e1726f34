// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <string>
#include <vector>

namespace dnas {

// One searchable layer: output channels, stride and the candidate ops it chooses between.
struct LayerSpec {
    int c_out = 16;
    int stride = 1;
    std::vector<std::string> candidates;
    int stage = 0; // display grouping only

    bool operator==(const LayerSpec& o) const {
        return c_out == o.c_out && stride == o.stride && candidates == o.candidates &&
               stage == o.stage;
    }
};

// The tensor shape a layer sees: derived from the stem and the strides before it.
struct LayerShape {
    int c_in = 0;
    int c_out = 0;
    int h = 0;
    int w = 0;
    int stride = 1;
    int outH() const { return (h + stride - 1) / stride; }
    int outW() const { return (w + stride - 1) / stride; }
};

} // namespace dnas
