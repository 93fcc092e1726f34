// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/nn/BlockFactory.h"
#include "engine/nn/IRBlock.h"
#include "engine/nn/SkipBlock.h"

namespace dnas {

torch::nn::AnyModule makeBlock(const OpSpec& op, const LayerShape& shape, bool alwaysPw) {
    if (op.isSkip())
        return torch::nn::AnyModule(SkipBlock(shape));
    return torch::nn::AnyModule(IRBlock(op, shape, alwaysPw));
}

} // namespace dnas
