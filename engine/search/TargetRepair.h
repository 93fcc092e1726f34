// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace dnas {

struct CostTable;

// Moves an architecture into the band target·(1 ± tolerance) of its cost by greedy per-layer
// swaps, each the one that gives up the least log-probability under softmax(θ) per unit of cost
// moved (a swap that lands inside the band is taken first). Going down it never stops above the
// band while a cheaper swap exists, so the result is above it only when the space cannot reach
// it, and then check() has already refused. Going up it never crosses the band's top.
class TargetRepair {
  public:
    struct Result {
        std::vector<int64_t> choice;
        double cost = 0.0;
        int swaps = 0;
    };

    TargetRepair(const CostTable& costs, double target, double tolerance);
    // Throws DnasError naming the target and the space's cost range when no architecture of the
    // space lies in the band or under it (`where` names the file or source of the target).
    void check(const std::string& where) const;
    Result repair(std::vector<int64_t> choice, const std::vector<std::vector<double>>& probs) const;
    bool within(double cost) const { return cost >= low() && cost <= high(); }
    double low() const;
    double high() const;

  private:
    const CostTable& costs_;
    double target_;
    double tolerance_;
};

} // namespace dnas
