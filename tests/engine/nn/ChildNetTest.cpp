// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/nn/ChildNet.h"
#include "engine/cost/ModelCounter.h"
#include "engine/nn/ChannelsLast.h"
#include "engine/nn/IRBlock.h"
#include "engine/nn/SkipBlock.h"
#include "engine/space/Architecture.h"
#include "engine/space/SearchSpace.h"
#include "engine/util/DnasError.h"

#include "tests/support/CountedParams.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

using namespace dnas;
using dnas::testsupport::countedParams;

TEST(ChildNet, FbnetReferenceParamsMatchModelCounter) {
    const SearchSpace base = SearchSpace::load("fbnet");
    for (const bool alwaysPw : {false, true}) {
        SearchSpace sp = base;
        sp.always_pw = alwaysPw;
        for (const std::string name : {"fbnet-a", "fbnet-b", "fbnet-c"}) {
            const Architecture arch = *Architecture::reference(name);
            ChildNet net(sp, arch);
            EXPECT_EQ(countedParams(*net), ModelCounter::count(sp, arch).total().params)
                << name << " always_pw " << alwaysPw;
        }
    }
}

TEST(ChildNet, FbnetAUsesItsOwnHead) {
    const SearchSpace sp = SearchSpace::load("fbnet");
    ChildNet a(sp, *Architecture::reference("fbnet-a"));
    EXPECT_EQ(a->space().head_c_out, 1504);
    EXPECT_EQ(a->head->conv->options.out_channels(), 1504);
    ChildNet c(sp, *Architecture::reference("fbnet-c"));
    EXPECT_EQ(c->head->conv->options.out_channels(), sp.head_c_out);
}

TEST(ChildNet, ExposesItsStructure) {
    const SearchSpace sp = SearchSpace::load("fbnet");
    const Architecture arch = *Architecture::reference("fbnet-a"); // starts with skip
    ChildNet net(sp, arch);
    ASSERT_EQ(net->numBlocks(), 22);
    ASSERT_EQ(net->blocks->size(), 22u);
    for (int64_t l = 0; l < net->numBlocks(); ++l) {
        const auto& op = net->ops()[l];
        EXPECT_EQ(op.name, arch.ops[l]);
        const auto block = net->blocks->ptr(l);
        if (op.isSkip()) {
            EXPECT_NE(block->as<SkipBlockImpl>(), nullptr);
        } else {
            ASSERT_NE(block->as<IRBlockImpl>(), nullptr);
            EXPECT_EQ(block->as<IRBlockImpl>()->op().kernel, op.kernel);
        }
    }
    EXPECT_TRUE(net->named_parameters().contains("stem.conv.weight"));
    EXPECT_TRUE(net->named_parameters().contains("blocks.1.dw.weight"));
    EXPECT_TRUE(net->named_parameters().contains("head.fc.bias"));
}

TEST(ChildNet, SmallForwardOnCifarSpace) {
    torch::manual_seed(0);
    const SearchSpace sp = SearchSpace::load("fbnet-cifar");
    ChildNet net(sp, *Architecture::reference("fbnet-b"));
    const auto y = net->forward(torch::randn({2, 3, 32, 32})); // NCHW in: converted inside
    EXPECT_EQ(y.sizes(), (std::vector<int64_t>{2, sp.num_classes}));
    EXPECT_TRUE(torch::isfinite(y).all().item<bool>());
    y.sum().backward();
    EXPECT_TRUE(net->stem->conv->weight.grad().defined());
}

TEST(ChildNet, ChannelsLastThroughout) {
    torch::manual_seed(1);
    const SearchSpace sp = SearchSpace::load("fbnet-cifar");
    ChildNet net(sp, *Architecture::reference("fbnet-c"));
    net->eval();
    for (const auto& p : net->parameters())
        EXPECT_TRUE(p.dim() != 4 || isChannelsLast(p));
    torch::NoGradGuard g;
    const auto x = torch::randn({2, 3, 32, 32});
    auto h = net->stem->forward(toChannelsLast(x));
    size_t l = 0;
    for (auto& block : *net->blocks) { // the type-erased blocks, in order
        h = block.forward<torch::Tensor>(h);
        EXPECT_TRUE(isChannelsLast(h)) << "after block " << l++;
    }
    // Same logits whether the caller passes NCHW or channels-last.
    const auto a = net->forward(x);
    const auto b = net->forward(toChannelsLast(x));
    EXPECT_TRUE(torch::allclose(a, b, 1e-5, 1e-6));
    EXPECT_TRUE(torch::allclose(net->head->forward(h), a, 1e-4, 1e-5));
}

TEST(ChildNet, FbnetForwardAt224) {
    torch::manual_seed(2);
    ChildNet net(SearchSpace::load("fbnet"), *Architecture::reference("fbnet-c"));
    net->eval();
    torch::NoGradGuard g;
    const auto y = net->forward(torch::randn({1, 3, 224, 224}));
    EXPECT_EQ(y.sizes(), (std::vector<int64_t>{1, 1000}));
    EXPECT_TRUE(torch::isfinite(y).all().item<bool>());
}

TEST(ChildNet, RejectsAMismatchedArchitecture) {
    const SearchSpace sp = SearchSpace::load("fbnet-cifar");
    Architecture arch = *Architecture::reference("fbnet-b");
    arch.ops.pop_back();
    EXPECT_THROW(ChildNet(sp, arch), DnasError);
}
