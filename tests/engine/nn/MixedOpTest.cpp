// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/nn/MixedOp.h"
#include "engine/nn/IRBlock.h"
#include "engine/nn/SkipBlock.h"
#include "engine/nn/Supernet.h"
#include "engine/space/OpSpec.h"
#include "engine/space/SearchSpace.h"
#include "engine/util/DnasError.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

using namespace dnas;

namespace {

const LayerShape kShape{16, 16, 8, 8, 1}; // residual layer: every op kind applies

int64_t indexOf(const std::string& name) {
    const auto& names = fbnetOpNames();
    return std::find(names.begin(), names.end(), name) - names.begin();
}

std::shared_ptr<IRBlockImpl> irBlock(const MixedOp& op, const std::string& name) {
    return std::dynamic_pointer_cast<IRBlockImpl>(op->block(indexOf(name)).ptr());
}

int64_t numel(const std::vector<torch::Tensor>& ps) {
    int64_t n = 0;
    for (const auto& p : ps)
        n += p.numel();
    return n;
}

} // namespace

TEST(MixedOp, LargestCandidateIsTheWidestThenLargestKernel) {
    MixedOp op(builtinOps(), kShape, true);
    EXPECT_EQ(op->largestCandidate(), indexOf("k5_e6"));
    // Skip never counts as the largest, wherever it stands.
    MixedOp skipFirst(std::vector<OpSpec>{*findBuiltinOp("skip"), *findBuiltinOp("k3_e1")}, kShape,
                      true);
    EXPECT_EQ(skipFirst->largestCandidate(), 1);
}

TEST(MixedOp, ListedPathsRunAndGetTheirWeightGradientEvenAtZeroWeight) {
    torch::manual_seed(3);
    MixedOp op(builtinOps(), kShape, true);
    op->eval(); // fixed batch-norm statistics: each path alone gives the same output again
    const torch::Tensor x = torch::randn({2, 16, 8, 8}).contiguous(at::MemoryFormat::ChannelsLast);
    const int64_t a = indexOf("k5_e6"), b = indexOf("k3_e1");
    torch::Tensor w = torch::zeros({op->size()});
    w[a] = 1.0;
    w.requires_grad_();
    const torch::Tensor dy = torch::randn({2, 16, 8, 8});
    const torch::Tensor out = op->forwardPaths(x, w, {a, b});
    (out * dy).sum().backward();
    torch::NoGradGuard noGrad;
    const torch::Tensor oa = op->forwardOne(x, a), ob = op->forwardOne(x, b);
    EXPECT_TRUE(torch::allclose(out, oa, 1e-5, 1e-5));
    // dL/dw_k = <dy, o_k>, for the path whose weight is 0 too; unlisted paths get nothing.
    EXPECT_NEAR(w.grad()[a].item<double>(), (oa * dy).sum().item<double>(), 1e-3);
    EXPECT_NEAR(w.grad()[b].item<double>(), (ob * dy).sum().item<double>(), 1e-3);
    EXPECT_NE(w.grad()[b].item<double>(), 0.0);
    EXPECT_EQ(w.grad()[indexOf("skip")].item<double>(), 0.0);
}

TEST(MixedOpSharedKernels, EachKernelIsAParameterOnce) {
    torch::manual_seed(0);
    MixedOp own(builtinOps(), kShape, true);
    MixedOp shared(builtinOps(), kShape, true, /*shareKernels=*/true);
    // Every block borrows from k5_e6 (the grouped ones its diagonal blocks), which keeps its
    // kernels. Borrowers lose exactly their three conv weights, nothing else.
    int64_t borrowed = 0;
    for (const std::string name :
         {"k3_e1", "k3_e3", "k3_e6", "k5_e1", "k5_e3", "k3_e1_g2", "k5_e1_g2"}) {
        auto b = irBlock(shared, name);
        ASSERT_TRUE(b->borrowsKernels()) << name;
        borrowed += b->pw->weight.numel() + b->dw->weight.numel() + b->pwl->weight.numel();
    }
    EXPECT_FALSE(irBlock(shared, "k5_e6")->borrowsKernels());
    EXPECT_EQ(numel(shared->parameters()), numel(own->parameters()) - borrowed);
}

TEST(MixedOpSharedKernels, BorrowerComputesWithTheCentreAndFirstChannelsOfTheOwner) {
    torch::manual_seed(1);
    MixedOp shared(builtinOps(), kShape, true, true);
    shared->eval();
    auto owner = irBlock(shared, "k5_e6");
    auto k3e3 = irBlock(shared, "k3_e3");
    // The same block standing alone, given the slices by hand.
    IRBlock alone(*findBuiltinOp("k3_e3"), kShape, true);
    alone->eval();
    {
        torch::NoGradGuard noGrad;
        const int64_t mid = k3e3->midChannels();
        alone->pw->weight.copy_(owner->pw->weight.slice(0, 0, mid));
        alone->dw->weight.copy_(owner->dw->weight.slice(0, 0, mid).slice(2, 1, 4).slice(3, 1, 4));
        alone->pwl->weight.copy_(owner->pwl->weight.slice(1, 0, mid));
        for (auto& bn :
             {std::make_pair(alone->pwBn, k3e3->pwBn), std::make_pair(alone->dwBn, k3e3->dwBn),
              std::make_pair(alone->pwlBn, k3e3->pwlBn)}) {
            bn.first->weight.copy_(torch::rand_like(bn.first->weight) + 0.5);
            bn.second->weight.copy_(bn.first->weight);
            bn.first->running_mean.copy_(torch::randn_like(bn.first->running_mean));
            bn.second->running_mean.copy_(bn.first->running_mean);
        }
    }
    const auto x = torch::randn({2, 16, 8, 8}).contiguous(at::MemoryFormat::ChannelsLast);
    EXPECT_TRUE(
        torch::allclose(shared->forwardOne(x, indexOf("k3_e3")), alone->forward(x), 1e-5, 1e-5));
}

TEST(MixedOpSharedKernels, GroupedBorrowerUsesTheDiagonalBlocks) {
    torch::manual_seed(4);
    MixedOp shared(builtinOps(), kShape, true, true);
    shared->eval();
    auto owner = irBlock(shared, "k5_e6");
    IRBlock alone(*findBuiltinOp("k3_e1_g2"), kShape, true);
    alone->eval();
    {
        torch::NoGradGuard noGrad;
        auto diagonal = [](const torch::Tensor& w) { // [out, in] -> two blocks [out/2, in/2]
            const int64_t o = w.size(0) / 2, i = w.size(1) / 2;
            return torch::cat({w.slice(0, 0, o).slice(1, 0, i), w.slice(0, o).slice(1, i, 2 * i)},
                              0);
        };
        alone->pw->weight.copy_(diagonal(owner->pw->weight.slice(0, 0, 16)));
        alone->dw->weight.copy_(owner->dw->weight.slice(0, 0, 16).slice(2, 1, 4).slice(3, 1, 4));
        alone->pwl->weight.copy_(diagonal(owner->pwl->weight.slice(1, 0, 16)));
    }
    const auto x = torch::randn({2, 16, 8, 8}).contiguous(at::MemoryFormat::ChannelsLast);
    EXPECT_TRUE(
        torch::allclose(shared->forwardOne(x, indexOf("k3_e1_g2")), alone->forward(x), 1e-5, 1e-5));
}

TEST(MixedOpSharedKernels, GradientOfABorrowerReachesOnlyItsSliceOfTheOwner) {
    torch::manual_seed(2);
    MixedOp shared(builtinOps(), kShape, true, true);
    shared->train();
    auto owner = irBlock(shared, "k5_e6");
    const int64_t mid = irBlock(shared, "k3_e3")->midChannels();
    const auto x = torch::randn({4, 16, 8, 8}).contiguous(at::MemoryFormat::ChannelsLast);
    shared->forwardOne(x, indexOf("k3_e3")).pow(2).sum().backward();
    const auto dw = owner->dw->weight.grad();
    ASSERT_TRUE(dw.defined());
    EXPECT_GT(dw.slice(0, 0, mid).slice(2, 1, 4).slice(3, 1, 4).abs().sum().item<double>(), 0.0);
    EXPECT_EQ(dw.slice(0, mid).abs().sum().item<double>(), 0.0);  // channels beyond e3
    EXPECT_EQ(dw.slice(2, 0, 1).abs().sum().item<double>(), 0.0); // the k5 ring
    EXPECT_EQ(owner->pw->weight.grad().slice(0, mid).abs().sum().item<double>(), 0.0);
    EXPECT_EQ(owner->pwl->weight.grad().slice(1, mid).abs().sum().item<double>(), 0.0);
    EXPECT_FALSE(owner->pwBn->weight.grad().defined()); // the owner's own batch norms: untouched
}

TEST(MixedOpSharedKernels, ProjectingSkipWritesThroughTheWidestProjection) {
    torch::manual_seed(3);
    const LayerShape widen{16, 24, 8, 8, 2}; // the skip must project: 1x1 conv, stride 2
    MixedOp shared(builtinOps(), widen, true, true);
    auto skip = std::dynamic_pointer_cast<SkipBlockImpl>(shared->block(indexOf("skip")).ptr());
    ASSERT_FALSE(skip->isIdentity());
    EXPECT_TRUE(skip->borrowsKernel());
    EXPECT_TRUE(skip->parameters().size() == 2u); // only its batch norm's weight and bias
    auto owner = irBlock(shared, "k5_e6");
    const auto x = torch::randn({4, 16, 8, 8}).contiguous(at::MemoryFormat::ChannelsLast);
    const auto y = shared->forwardOne(x, indexOf("skip"));
    EXPECT_EQ(y.sizes(), (std::vector<int64_t>{4, 24, 4, 4}));
    y.pow(2).sum().backward();
    const auto g = owner->pwl->weight.grad();
    ASSERT_TRUE(g.defined());
    EXPECT_GT(g.slice(1, 0, 16).abs().sum().item<double>(), 0.0);
    EXPECT_EQ(g.slice(1, 16).abs().sum().item<double>(), 0.0);
    // Identity skips have nothing to borrow.
    MixedOp residual(builtinOps(), kShape, true, true);
    EXPECT_FALSE(std::dynamic_pointer_cast<SkipBlockImpl>(residual->block(indexOf("skip")).ptr())
                     ->borrowsKernel());
}

TEST(MixedOpSharedKernels, IncompatibleOwnersAreRefused) {
    auto big = std::make_shared<IRBlockImpl>(*findBuiltinOp("k3_e6"), kShape, true);
    auto grouped = std::make_shared<IRBlockImpl>(*findBuiltinOp("k3_e1_g2"), kShape, true);
    auto wider = std::make_shared<IRBlockImpl>(*findBuiltinOp("k5_e3"), kShape, true);
    auto narrow = std::make_shared<IRBlockImpl>(*findBuiltinOp("k3_e1"), kShape, true);
    EXPECT_TRUE(big->canLend(*grouped));     // its diagonal blocks
    EXPECT_FALSE(grouped->canLend(*narrow)); // a grouped kernel lacks the off-diagonal blocks
    EXPECT_FALSE(big->canLend(*wider));      // kernel 5 does not fit in 3
    EXPECT_THROW(wider->borrowKernels(big), DnasError);
    EXPECT_THROW(big->borrowKernels(big), DnasError);
}

TEST(SupernetSharedKernels, SamePathsFewerWeights) {
    SearchSpace sp = SearchSpace::load("fbnet-fmnist");
    sp.layers.resize(4);
    sp.check("test");
    Supernet own(sp), shared(sp, true);
    // Per layer, the five borrowers held most of the candidates' weights.
    for (int64_t l = 0; l < shared->numLayers(); ++l)
        EXPECT_LT(numel(shared->layer(l)->parameters()), numel(own->layer(l)->parameters()) / 2)
            << l;
    EXPECT_EQ(shared->thetaParameters().size(), own->thetaParameters().size());
    std::vector<torch::Tensor> mix;
    for (int64_t l = 0; l < shared->numLayers(); ++l)
        mix.push_back(torch::softmax(shared->theta(l), 0));
    const auto y = shared->forward(torch::randn({2, 1, 28, 28}), mix);
    EXPECT_EQ(y.sizes(), (std::vector<int64_t>{2, 10}));
    EXPECT_TRUE(torch::isfinite(y).all().item<bool>());
}
