// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The spaces of the LUT tests: 16x16 one-channel input, an 8-channel stem and a 32-channel head,
// small enough that timing a block or a whole net takes milliseconds.
#include "engine/space/SearchSpace.h"

#include <string>
#include <utility>
#include <vector>

namespace dnas::testsupport {

inline SearchSpace lutTestSpace(std::string name, std::vector<LayerSpec> layers) {
    SearchSpace s;
    s.name = std::move(name);
    s.input_channels = 1;
    s.input_size = 16;
    s.num_classes = 10;
    s.stem_c_out = 8;
    s.stem_stride = 2;
    s.head_c_out = 32;
    s.layers = std::move(layers);
    return s;
}

} // namespace dnas::testsupport
