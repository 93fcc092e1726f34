// SPDX-License-Identifier: GPL-3.0-or-later
#include "search/SearchLoss.h"
#include "search/SearchSettings.h"

namespace dnas {

torch::Tensor searchLoss(const torch::Tensor& ce, const torch::Tensor& expectedCost,
                         const SearchSettings& s, double target) {
    if (s.loss == "additive") return ce + s.lambda * expectedCost / std::max(target, 1e-12);
    const torch::Tensor logCost = torch::log(expectedCost.clamp_min(kMinCostForLog));
    return ce * s.alpha * torch::pow(logCost, s.beta);
}

} // namespace dnas
