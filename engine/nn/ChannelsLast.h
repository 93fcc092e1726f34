// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <torch/torch.h>

namespace dnas {

// docs/architecture.md §9: on CPU a depthwise conv in NCHW takes a slow path (~100x slower than
// NHWC), so every net keeps its 4-D conv weights and its activations channels-last. Channels-last
// is also a supported (cuDNN) layout on CUDA, so the same code runs unchanged on a CUDA LibTorch.

// Re-lays every 4-D parameter of `module` (recursively) out channels-last, in place. Uses
// set_data so that parameter identity (optimizer state, registered names) is preserved.
void convertToChannelsLast(torch::nn::Module& module);

// A 4-D tensor as channels-last (no copy when it already is); other ranks pass through.
torch::Tensor toChannelsLast(const torch::Tensor& x);

// True when a 4-D tensor is laid out channels-last (lower ranks: false).
bool isChannelsLast(const torch::Tensor& x);

} // namespace dnas
