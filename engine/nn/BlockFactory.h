// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/space/LayerSpec.h"
#include "engine/space/OpSpec.h"

#include <torch/torch.h>

namespace dnas {

// The one place that turns a candidate op into a module: an IRBlock, or a SkipBlock for `skip`.
// Type-erased (forward: Tensor -> Tensor) so that MixedOp and ChildNet hold any mix of them;
// `block.ptr()->as<IRBlockImpl>()` recovers the concrete type for exporters. Throws DnasError
// when the op does not fit the shape (e.g. groups that do not divide the channels).
torch::nn::AnyModule makeBlock(const OpSpec& op, const LayerShape& shape, bool alwaysPw);

} // namespace dnas
