// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/search/SearchLoss.h"
#include "engine/search/SearchSettings.h"

namespace dnas {

torch::Tensor searchLoss(const torch::Tensor& ce, const torch::Tensor& expectedCost,
                         const SearchSettings& s, double target, double multiplier) {
    if (s.loss == LossKind::Additive)
        return ce + s.lambda * expectedCost / std::max(target, 1e-12);
    // Dual ascent: signed, so a multiplier driven below zero by a cost under T pulls it up.
    if (s.loss == LossKind::Target && s.target_dual_lr > 0.0)
        return ce + multiplier * (expectedCost / std::max(target, 1e-12) - 1.0);
    // Two-sided (TF-NAS): below the target the cost term pulls the cost up as hard as it pushes
    // it down above, so the search spends a budget instead of only trading against it.
    if (s.loss == LossKind::Target)
        return ce + s.lambda * torch::abs(expectedCost / std::max(target, 1e-12) - 1.0);
    const torch::Tensor logCost = torch::log(expectedCost.clamp_min(kMinCostForLog));
    return ce * s.alpha * torch::pow(logCost, s.beta);
}

} // namespace dnas
