// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/search/ArchitectureSampler.h"
#include "engine/search/SearchData.h"

#include "tests/support/TinyStudy.h"

#include <gtest/gtest.h>

using namespace dnas;

namespace {
constexpr int kTrainSteps = 20; // enough to move the BN running statistics
constexpr int kEvalBatch = 64;

struct SamplerFixture : ::testing::Test {
    Study study = testsupport::tinyStudy(1, 1280);
    SearchData data = SearchData::load(study.dataset, "tiny", study.space, study.settings);
    CostTable costs = CostTable::build(study.space, study.cost, nullptr);
    Supernet net{nullptr};

    void SetUp() override {
        torch::manual_seed(3);
        net = Supernet(study.space);
    }

    // Trains w under the uniform soft mix of all candidates, as the faithful search's
    // warm-up does: BN running statistics then describe the mix, not any one path.
    void trainSoft() {
        torch::optim::SGD opt(net->weightParameters(),
                              torch::optim::SGDOptions(0.05).momentum(0.9));
        std::vector<torch::Tensor> mix;
        for (const auto& t : net->thetaParameters())
            mix.push_back(torch::softmax(t.detach(), 0));
        const auto order = data.order(data.wSplit(), 1, 0, 2);
        for (int step = 0; step < kTrainSteps; ++step) {
            const int64_t s = step % data.steps(data.wSplit(), 32);
            auto [x, y] = data.batch(data.wSplit(), order, s, 32, false, step);
            const auto loss = torch::nn::functional::cross_entropy(net->forward(x, mix, false), y);
            opt.zero_grad();
            loss.backward();
            opt.step();
        }
    }
};

// The tests share the fixture's anonymous namespace: in a unity batch a base of internal
// linkage used from outside it would be a -Wsubobject-linkage warning.
TEST_F(SamplerFixture, OneShotScoringLeavesBuffersAndModeAlone) {
    trainSoft();
    net->eval();
    std::vector<torch::Tensor> before;
    for (const auto& b : net->buffers())
        before.push_back(b.clone());
    ArchitectureSampler sampler(costs, data, 0, kEvalBatch);
    sampler.oneShotAccuracy(net, {0, 1, 2});
    EXPECT_FALSE(net->is_training());
    const auto after = net->buffers();
    ASSERT_EQ(after.size(), before.size());
    for (size_t i = 0; i < after.size(); ++i)
        EXPECT_TRUE(torch::equal(after[i], before[i])) << i;
}

TEST_F(SamplerFixture, SampleMarksTheArgmaxAndAParetoSet) {
    ArchitectureSampler sampler(costs, data, 128, kEvalBatch);
    const SampleSet set = sampler.sample(net, 0, 4, 11);
    ASSERT_FALSE(set.samples.empty());
    EXPECT_TRUE(set.samples.front().is_argmax);
    int pareto = 0;
    for (const auto& a : set.samples) {
        pareto += a.pareto ? 1 : 0;
        EXPECT_GE(a.accuracy, 0.0);
        EXPECT_LE(a.accuracy, 1.0);
        EXPECT_GT(a.cost, 0.0);
    }
    EXPECT_GE(pareto, 1);
}

} // namespace
