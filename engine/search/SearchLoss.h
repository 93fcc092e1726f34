// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <torch/torch.h>

namespace dnas {

struct SearchSettings;

// FBNet's loss: CE · α · (log LAT)^β — the power of the log, not log(LAT^β) (a known bug in
// one public re-implementation). LAT is clamped just above 1 (in the cost unit) so the log stays
// positive; the clamp keeps the gradient of CE. Additive variant: CE + λ·LAT/target. The
// "target" loss with dual ascent (settings.target_dual_lr > 0) uses `multiplier`, the run's
// current λ (SearchState::lambda), instead of settings.lambda.
torch::Tensor searchLoss(const torch::Tensor& ce, const torch::Tensor& expectedCost,
                         const SearchSettings& settings, double target, double multiplier = 0.0);

// The lower bound the cost is clamped to before the log.
constexpr double kMinCostForLog = 1.0 + 1e-6;

} // namespace dnas
