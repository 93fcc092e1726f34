// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/nn/ChildNet.h"
#include "engine/nn/BlockFactory.h"
#include "engine/nn/ChannelsLast.h"

namespace dnas {

ChildNetImpl::ChildNetImpl(const SearchSpace& space, const Architecture& arch)
    : space_(arch.applyTo(space)), arch_(arch) {
    space_.check(space_.name);
    arch.checkAgainst(space_, "architecture " + arch.toString());
    shapes_ = space_.layerShapes();
    stem =
        register_module("stem", Stem(space_.input_channels, space_.stem_c_out, space_.stem_stride));
    blocks = register_module("blocks", torch::nn::Sequential());
    for (size_t l = 0; l < shapes_.size(); ++l) {
        ops_.push_back(space_.op(arch.ops[l]));
        blocks->push_back(makeBlock(ops_.back(), shapes_[l], space_.always_pw));
    }
    head =
        register_module("head", Head(space_.lastChannels(), space_.head_c_out, space_.num_classes));
}

torch::Tensor ChildNetImpl::forward(torch::Tensor x) {
    torch::Tensor h = stem->forward(toChannelsLast(x));
    if (numBlocks() > 0)
        h = blocks->forward(h);
    return head->forward(h);
}

} // namespace dnas
