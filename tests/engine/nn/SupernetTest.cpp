// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/nn/Supernet.h"
#include "engine/nn/ChannelsLast.h"
#include "engine/nn/IRBlock.h"
#include "engine/nn/SkipBlock.h"
#include "engine/space/SearchSpace.h"
#include "engine/util/DnasError.h"

#include <gtest/gtest.h>
#include <set>
#include <torch/torch.h>

using namespace dnas;

namespace {

// A 6-layer slice of the CIFAR space with all nine candidates per layer: every op kind, a
// stride-2 layer and a channel change, yet only a few milliseconds per forward.
SearchSpace smallSpace() {
    SearchSpace sp = SearchSpace::load("fbnet-cifar");
    sp.input_size = 16;
    sp.num_classes = 7;
    sp.head_c_out = 64;
    sp.layers.resize(6);
    sp.check("smallSpace");
    return sp;
}

std::vector<torch::Tensor> oneHotMix(const SupernetImpl& net, const std::vector<int64_t>& choice) {
    std::vector<torch::Tensor> mix;
    for (int64_t l = 0; l < net.numLayers(); ++l)
        mix.push_back(
            torch::one_hot(torch::tensor(choice[l]), net.layer(l)->size()).to(torch::kFloat));
    return mix;
}

std::vector<int64_t> someChoice(const SupernetImpl& net) {
    std::vector<int64_t> choice;
    for (int64_t l = 0; l < net.numLayers(); ++l)
        choice.push_back((l * 5 + 2) % net.layer(l)->size());
    return choice;
}

} // namespace

TEST(Supernet, ForwardShapes) {
    torch::manual_seed(0);
    const SearchSpace sp = smallSpace();
    Supernet net(sp);
    ASSERT_EQ(net->numLayers(), 6);
    std::vector<torch::Tensor> mix;
    for (int64_t l = 0; l < net->numLayers(); ++l) {
        EXPECT_EQ(net->theta(l).sizes(), (std::vector<int64_t>{9}));
        EXPECT_TRUE(torch::all(net->theta(l) == 0).item<bool>()); // uniform
        mix.push_back(torch::softmax(net->theta(l), 0));
    }
    const auto y = net->forward(torch::randn({2, 3, 16, 16}), mix);
    EXPECT_EQ(y.sizes(), (std::vector<int64_t>{2, 7}));
    EXPECT_TRUE(torch::isfinite(y).all().item<bool>());
    EXPECT_THROW(net->forward(torch::randn({2, 3, 16, 16}), {mix[0]}), DnasError);
    EXPECT_THROW(net->theta(6), DnasError);
}

TEST(Supernet, OneHotMixEqualsForwardPath) {
    torch::manual_seed(1);
    Supernet net(smallSpace());
    net->eval(); // running statistics: every path sees the same normalisation
    const auto x = torch::randn({2, 3, 16, 16});
    const auto choice = someChoice(*net);
    const auto mix = oneHotMix(*net, choice);
    torch::NoGradGuard g;
    const auto path = net->forwardPath(x, choice);
    EXPECT_TRUE(torch::allclose(net->forward(x, mix), path, 1e-5, 1e-6));
    EXPECT_TRUE(torch::allclose(net->forward(x, mix, true), path, 1e-5, 1e-6));
}

TEST(Supernet, SparseEqualsDenseForHardStraightThrough) {
    torch::manual_seed(2);
    Supernet net(smallSpace()); // training mode: batch statistics
    const auto x = torch::randn({4, 3, 16, 16});
    const auto choice = someChoice(*net);
    // Hard straight-through weights: exactly one-hot in value, softmax in gradient.
    std::vector<torch::Tensor> mix;
    for (int64_t l = 0; l < net->numLayers(); ++l) {
        const auto soft = torch::softmax(net->theta(l) + 0.1 * l, 0);
        const auto hard = torch::one_hot(torch::tensor(choice[l]), soft.size(0)).to(soft.dtype());
        mix.push_back(hard - soft.detach() + soft);
    }
    const auto dense = net->forward(x, mix);
    const auto sparse = net->forward(x, mix, true);
    EXPECT_TRUE(torch::allclose(dense, sparse, 1e-5, 1e-6));
    // The sparse graph still reaches θ through the chosen weight. Its gradient is only as large
    // as the layer's output scale matters: when the next layer starts with a convolution and
    // batch norm and has no residual, the norm undoes the scale (up to its ε), and the gradient
    // is rounding noise that may come out as an exact 0. So only layers whose output the next
    // layer carries on (a residual block or an identity skip) must show one.
    sparse.pow(2).sum().backward();
    auto carriesInput = [&](int64_t l) {
        const auto block = net->layer(l)->block(choice[static_cast<size_t>(l)]).ptr();
        if (auto ir = std::dynamic_pointer_cast<IRBlockImpl>(block))
            return ir->hasResidual();
        return std::dynamic_pointer_cast<SkipBlockImpl>(block)->isIdentity();
    };
    int checked = 0;
    for (int64_t l = 0; l < net->numLayers(); ++l) {
        ASSERT_TRUE(net->theta(l).grad().defined()) << l;
        if (l + 1 < net->numLayers() && carriesInput(l + 1)) {
            EXPECT_GT(net->theta(l).grad().abs().sum().item<double>(), 1e-6) << l;
            ++checked;
        }
    }
    EXPECT_GE(checked, 2);
}

TEST(Supernet, SparseRunsOnlyNonZeroCandidates) {
    torch::manual_seed(3);
    LayerShape s{8, 8, 6, 6, 1};
    std::vector<OpSpec> ops{*findBuiltinOp("k3_e3"), *findBuiltinOp("k5_e6"),
                            *findBuiltinOp("skip")};
    MixedOp m(ops, s, true);
    const auto x = toChannelsLast(torch::randn({2, 8, 6, 6}));
    const auto w = torch::tensor({0.0f, 0.25f, 0.75f});
    // A NaN in the weights of the zero candidate's block would poison a dense sum; sparse
    // never runs it.
    {
        torch::NoGradGuard g;
        m->block(0).ptr()->as<IRBlockImpl>()->pwl->weight.fill_(std::nanf(""));
    }
    const auto y = m->forward(x, w, true);
    EXPECT_TRUE(torch::isfinite(y).all().item<bool>());
    EXPECT_TRUE(torch::allclose(y, 0.25 * m->forwardOne(x, 1) + 0.75 * x, 1e-5, 1e-6));
    EXPECT_FALSE(torch::isfinite(m->forward(x, w)).all().item<bool>());
    EXPECT_THROW(m->forward(x, torch::ones({2})), DnasError);
    EXPECT_THROW(m->forwardOne(x, 3), DnasError);
}

TEST(Supernet, ParameterGroupsAreDisjointAndComplete) {
    Supernet net(smallSpace());
    std::set<const void*> weights, thetas, all;
    for (const auto& p : net->weightParameters())
        weights.insert(p.unsafeGetTensorImpl());
    for (const auto& p : net->thetaParameters())
        thetas.insert(p.unsafeGetTensorImpl());
    for (const auto& p : net->parameters())
        all.insert(p.unsafeGetTensorImpl());
    EXPECT_EQ(thetas.size(), 6u);
    EXPECT_EQ(weights.size() + thetas.size(), all.size());
    for (const auto* t : thetas)
        EXPECT_EQ(weights.count(t), 0u);
    std::set<const void*> both = weights;
    both.insert(thetas.begin(), thetas.end());
    EXPECT_EQ(both, all);
    // θ keeps its registered names.
    EXPECT_TRUE(net->named_parameters(false).contains("theta_0"));
    EXPECT_TRUE(net->named_parameters(false).contains("theta_5"));
}

TEST(Supernet, GradientsFlowToThetaThroughSoftMix) {
    torch::manual_seed(4);
    Supernet net(smallSpace());
    const auto x = torch::randn({2, 3, 16, 16});
    std::vector<torch::Tensor> mix;
    const double tau = 5.0;
    for (int64_t l = 0; l < net->numLayers(); ++l) {
        const auto g = -torch::log(-torch::log(torch::rand({net->layer(l)->size()})));
        mix.push_back(torch::softmax((net->theta(l) + g) / tau, 0));
    }
    const auto logits = net->forward(x, mix);
    torch::nn::functional::cross_entropy(logits, torch::tensor({1, 3})).backward();
    for (int64_t l = 0; l < net->numLayers(); ++l) {
        ASSERT_TRUE(net->theta(l).grad().defined());
        EXPECT_GT(net->theta(l).grad().abs().sum().item<double>(), 0.0) << "layer " << l;
    }
    // Every candidate's weights get a gradient in the dense soft mix.
    int64_t withGrad = 0, total = 0;
    for (const auto& p : net->weightParameters()) {
        ++total;
        withGrad += p.grad().defined() ? 1 : 0;
    }
    EXPECT_EQ(withGrad, total);
}

TEST(Supernet, RejectsAnInvalidSpace) {
    SearchSpace sp = smallSpace();
    sp.layers[2].candidates = {"no_such_op"};
    EXPECT_THROW(Supernet{sp}, DnasError);
}

// The searcher keeps thetaParameters() after net->to(device); Module::to re-points parameters
// in place (set_data), so the handles must follow (here: a dtype change stands in for a device).
TEST(Supernet, ThetaHandlesFollowTo) {
    Supernet net(smallSpace());
    const auto before = net->thetaParameters();
    net->to(torch::kDouble);
    EXPECT_EQ(net->theta(0).scalar_type(), torch::kDouble);
    EXPECT_EQ(before[0].scalar_type(), torch::kDouble);
    EXPECT_TRUE(isChannelsLast(net->layer(1)->block(3).ptr()->as<IRBlockImpl>()->dw->weight));
    std::vector<torch::Tensor> mix;
    for (const auto& t : net->thetaParameters())
        mix.push_back(torch::softmax(t, 0));
    net->eval();
    torch::NoGradGuard g;
    EXPECT_EQ(net->forward(torch::randn({1, 3, 16, 16}, torch::kDouble), mix).scalar_type(),
              torch::kDouble);
}
