// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <torch/torch.h>

namespace dnas {

// Training-mode batch norm with the ReLU that follows it, in fewer passes over the activations
// than ATen's batch_norm + relu_ (issue #8: together with their backward they were a third of a
// faithful search step). On channels-last input, viewed as a [rows, channels] array:
//   forward   one pass for Σx and Σx² (float blocks of rows, totals in double), one for
//             max(a·x + b, 0);
//   backward  one pass for Σg and Σg·(x - mean), one for dx, where g is dy masked by the sign
//             of a·x + b, recomputed from the saved input (ATen reads and writes a separate
//             ReLU gradient, and its batch norm makes two statistics passes in each direction).
// Only the input is saved, where batch_norm + relu_ keep the input and the output alive.
// The module's running statistics and batch count move exactly as in its own forward.
//
// Falls back to BatchNormHook::apply (+ relu_) in eval mode, with a hook installed
// (data-parallel statistics, dist/SyncBatchNorm), and for what it does not cover: input that is
// not 4-D float channels-last on the CPU, a norm without affine parameters, running statistics
// or momentum.
class FusedBatchNorm {
  public:
    static torch::Tensor forward(torch::nn::BatchNorm2d& bn, const torch::Tensor& x, bool relu);
    // Whether forward() takes the fused path for this norm and input.
    static bool covers(const torch::nn::BatchNorm2d& bn, const torch::Tensor& x);
};

} // namespace dnas
