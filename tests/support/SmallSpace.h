// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The unit tests' spaces: one-channel input (16x16 for the LUT tests, whose blocks are timed in
// milliseconds; 28x28 for searches on Fashion-MNIST), an 8-channel stem and a 32-channel head.
#include "engine/space/SearchSpace.h"

#include <string>
#include <utility>
#include <vector>

namespace dnas::testsupport {

inline SearchSpace smallSpace(std::string name, std::vector<LayerSpec> layers, int inputSize = 16) {
    SearchSpace s;
    s.name = std::move(name);
    s.input_channels = 1;
    s.input_size = inputSize;
    s.num_classes = 10;
    s.stem_c_out = 8;
    s.stem_stride = 2;
    s.head_c_out = 32;
    s.layers = std::move(layers);
    return s;
}

} // namespace dnas::testsupport
