// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/search/SearchLoss.h"
#include "engine/search/SearchSettings.h"

#include <cmath>
#include <gtest/gtest.h>

using namespace dnas;

TEST(SearchLoss, IsCeTimesAlphaTimesPowerOfLog) {
    SearchSettings s; // α = 0.2, β = 0.6
    const auto ce = torch::tensor(2.0);
    const auto lat = torch::tensor(1000.0);
    const double expected = 2.0 * 0.2 * std::pow(std::log(1000.0), 0.6);
    EXPECT_NEAR(searchLoss(ce, lat, s, 0).item<double>(), expected, 1e-5);
    // Not log(LAT^β) = β·log LAT, the public re-implementation's bug.
    const double buggy = 2.0 * 0.2 * 0.6 * std::log(1000.0);
    EXPECT_GT(std::abs(searchLoss(ce, lat, s, 0).item<double>() - buggy), 0.1);
}

TEST(SearchLoss, GradientReachesCostAndLowerCostLowersLoss) {
    SearchSettings s;
    const auto ce = torch::tensor(1.5);
    auto lat = torch::tensor(500.0, torch::requires_grad());
    const auto loss = searchLoss(ce, lat, s, 0);
    loss.backward();
    // d/dLAT [ce·α·(ln LAT)^β] = ce·α·β·(ln LAT)^(β-1) / LAT
    const double g = 1.5 * 0.2 * 0.6 * std::pow(std::log(500.0), -0.4) / 500.0;
    EXPECT_NEAR(lat.grad().item<double>(), g, 1e-8);
    EXPECT_LT(searchLoss(ce, torch::tensor(400.0), s, 0).item<double>(), loss.item<double>());
}

TEST(SearchLoss, CostBelowOneIsClampedNotNan) {
    SearchSettings s;
    const auto loss = searchLoss(torch::tensor(1.0), torch::tensor(0.5), s, 0);
    EXPECT_TRUE(std::isfinite(loss.item<double>()));
    EXPECT_GE(loss.item<double>(), 0.0);
}

TEST(SearchLoss, AdditiveVariant) {
    SearchSettings s;
    s.loss = LossKind::Additive;
    s.lambda = 0.5;
    const auto loss = searchLoss(torch::tensor(1.0), torch::tensor(300.0), s, 200.0);
    EXPECT_NEAR(loss.item<double>(), 1.0 + 0.5 * 300.0 / 200.0, 1e-6);
}

// TF-NAS's two-sided term: below the target the cost's gradient is negative (a dearer net lowers
// the loss), above it positive, and at equal CE the loss is lowest on the target.
TEST(SearchLoss, TargetTermPullsTheCostTowardTheTargetFromBothSides) {
    SearchSettings s;
    s.loss = LossKind::Target;
    s.lambda = 0.5;
    const double target = 800.0;
    auto gradAt = [&](double cost) {
        auto c = torch::tensor(cost, torch::dtype(torch::kDouble).requires_grad(true));
        searchLoss(torch::tensor(1.0, torch::kDouble), c, s, target).backward();
        return c.grad().item<double>();
    };
    EXPECT_LT(gradAt(600.0), 0.0);
    EXPECT_GT(gradAt(1000.0), 0.0);
    EXPECT_NEAR(gradAt(1000.0), 0.5 / target, 1e-12);
    auto lossAt = [&](double cost) {
        return searchLoss(torch::tensor(1.0), torch::tensor(cost), s, target).item<double>();
    };
    EXPECT_NEAR(lossAt(800.0), 1.0, 1e-6);
    EXPECT_NEAR(lossAt(600.0), 1.0 + 0.5 * 0.25, 1e-6);
    EXPECT_NEAR(lossAt(1000.0), 1.0 + 0.5 * 0.25, 1e-6);
}

// Dual ascent: the term is λ·(LAT/T − 1) with the run's multiplier, signed, so its gradient
// follows λ's sign on both sides of T and settings.lambda no longer counts.
TEST(SearchLoss, DualTargetTermUsesTheRunsMultiplier) {
    SearchSettings s;
    s.loss = LossKind::Target;
    s.lambda = 0.5;
    s.target_dual_lr = 0.1;
    const double target = 800.0;
    auto gradAt = [&](double cost, double multiplier) {
        auto c = torch::tensor(cost, torch::dtype(torch::kDouble).requires_grad(true));
        searchLoss(torch::tensor(1.0, torch::kDouble), c, s, target, multiplier).backward();
        return c.grad().item<double>();
    };
    EXPECT_NEAR(gradAt(600.0, 2.0), 2.0 / target, 1e-12);
    EXPECT_NEAR(gradAt(1000.0, 2.0), 2.0 / target, 1e-12);
    EXPECT_LT(gradAt(600.0, -1.0), 0.0); // a multiplier driven negative pulls the cost up
    EXPECT_NEAR(
        searchLoss(torch::tensor(1.0), torch::tensor(1000.0), s, target, 2.0).item<double>(),
        1.0 + 2.0 * 0.25, 1e-6);
}
