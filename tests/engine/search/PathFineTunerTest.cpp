// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/search/PathFineTuner.h"
#include "engine/search/ArchitectureSampler.h"
#include "engine/search/SearchData.h"

#include "tests/support/TinyStudy.h"

#include <gtest/gtest.h>

using namespace dnas;

namespace {
constexpr int kTunerEvalBatch = 64;
constexpr int kSteps = 30;   // an untrained path learns Fashion-MNIST well above chance
constexpr double kLr = 0.05; // at batch 64
const std::vector<int64_t> kPath{1, 1, 1};

struct FineTunerFixture : ::testing::Test {
    Study study = testsupport::tinyStudy(1, 1280);
    SearchData data = SearchData::load(study.dataset, "tiny", study.space, study.settings);
    CostTable costs = CostTable::build(study.space, study.cost, nullptr);
    ArchitectureSampler scorer{costs, data, 256, kTunerEvalBatch};
    PathFineTuner tuner{data, kSteps, 64, kLr, 1};
    Supernet net{nullptr};

    void SetUp() override {
        torch::manual_seed(5);
        net = Supernet(study.space);
    }
};

// The fine-tune is the path's own: afterwards the supernet is as it was, to the bit, so the
// next finalist starts from the same weights.
TEST_F(FineTunerFixture, LeavesTheSupernetAsItWas) {
    net->eval();
    for (auto& t : net->thetaParameters())
        t.requires_grad_(false); // as a w phase leaves them
    std::vector<torch::Tensor> before;
    std::vector<bool> grads;
    for (const auto& p : net->parameters()) {
        before.push_back(p.detach().clone());
        grads.push_back(p.requires_grad());
    }
    for (const auto& b : net->buffers())
        before.push_back(b.clone());
    tuner.fineTunedAccuracy(net, kPath, scorer);
    EXPECT_FALSE(net->is_training());
    size_t i = 0;
    for (const auto& p : net->parameters()) {
        EXPECT_TRUE(torch::equal(p, before[i])) << i;
        EXPECT_EQ(p.requires_grad(), grads[i]) << i;
        EXPECT_FALSE(p.grad().defined()) << i;
        ++i;
    }
    for (const auto& b : net->buffers()) {
        EXPECT_TRUE(torch::equal(b, before[i])) << i;
        ++i;
    }
}

// An untrained path scores near chance one-shot; its own fine-tune lifts it, and the same
// path fine-tuned twice scores the same (the same batches, from the same start).
TEST_F(FineTunerFixture, TrainsThePathAloneAndRepeats) {
    const double oneShot = scorer.oneShotAccuracy(net, kPath);
    const double tuned = tuner.fineTunedAccuracy(net, kPath, scorer);
    EXPECT_GT(tuned, oneShot + 0.15) << oneShot << " " << tuned;
    EXPECT_DOUBLE_EQ(tuner.fineTunedAccuracy(net, kPath, scorer), tuned);
    EXPECT_DOUBLE_EQ(scorer.oneShotAccuracy(net, kPath), oneShot);
    const PathFineTuner none(data, 0, 64, kLr, 1);
    EXPECT_DOUBLE_EQ(none.fineTunedAccuracy(net, kPath, scorer), oneShot);
}

} // namespace
