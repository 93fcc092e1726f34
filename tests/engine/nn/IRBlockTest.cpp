// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/nn/IRBlock.h"
#include "engine/cost/ModelCounter.h"
#include "engine/nn/BlockFactory.h"
#include "engine/nn/ChannelsLast.h"
#include "engine/nn/Head.h"
#include "engine/nn/SkipBlock.h"
#include "engine/nn/Stem.h"
#include "engine/space/OpSpec.h"
#include "engine/util/DnasError.h"

#include "tests/support/CountedParams.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

using namespace dnas;
using dnas::testsupport::countedParams;

namespace {

OpSpec customOp(const std::string& name, int k, int e, int g, bool se, const std::string& act) {
    OpSpec op;
    op.name = name;
    op.kernel = k;
    op.expansion = e;
    op.groups = g;
    op.se = se;
    op.act = act;
    return op;
}

std::vector<OpSpec> customOps() {
    return {customOp("k7_e4", 7, 4, 1, false, "relu"), customOp("k3_e4_se", 3, 4, 1, true, "relu"),
            customOp("k5_e6_hs", 5, 6, 1, false, "hswish"),
            customOp("k7_e3_se_hs", 7, 3, 1, true, "hswish"),
            customOp("k3_e2_g2_se", 3, 2, 2, true, "relu")};
}

torch::Tensor input(const LayerShape& s, int64_t batch = 2) {
    return toChannelsLast(torch::randn({batch, s.c_in, s.h, s.w}));
}

} // namespace

TEST(IRBlock, OutputShapesForStrides1And2) {
    torch::manual_seed(0);
    for (const int stride : {1, 2}) {
        for (const auto& op : builtinOps()) {
            const LayerShape s{16, 24, 9, 9, stride};
            auto block = makeBlock(op, s, true);
            const auto y = block.forward<torch::Tensor>(input(s));
            EXPECT_EQ(y.sizes(), (std::vector<int64_t>{2, 24, s.outH(), s.outW()})) << op.name;
        }
    }
}

TEST(IRBlock, ResidualOnlyWhenShapeIsKept) {
    const OpSpec& op = *findBuiltinOp("k3_e3");
    EXPECT_TRUE(IRBlock(op, LayerShape{16, 16, 8, 8, 1}, true)->hasResidual());
    EXPECT_FALSE(IRBlock(op, LayerShape{16, 16, 8, 8, 2}, true)->hasResidual());
    EXPECT_FALSE(IRBlock(op, LayerShape{16, 24, 8, 8, 1}, true)->hasResidual());
}

// With the last BN zeroed (γ = β = 0, eval mode) the block body outputs 0, so the block
// returns exactly its input when it has a residual and zeros when it has not.
TEST(IRBlock, ResidualAddsTheInput) {
    torch::manual_seed(1);
    const OpSpec& op = *findBuiltinOp("k5_e6");
    for (const bool residual : {true, false}) {
        const LayerShape s{8, residual ? 8 : 16, 6, 6, 1};
        IRBlock block(op, s, true);
        block->eval();
        {
            torch::NoGradGuard g;
            block->pwlBn->weight.zero_();
            block->pwlBn->bias.zero_();
        }
        const auto x = input(s);
        const auto y = block->forward(x);
        if (residual)
            EXPECT_TRUE(torch::equal(y, x));
        else
            EXPECT_EQ(y.abs().max().item<float>(), 0.0f);
    }
}

TEST(IRBlock, ChannelShufflePermutesChannels) {
    // Channel c holds the value c; groups 2 over 6 channels interleaves the halves.
    const auto x = torch::arange(6, torch::kFloat).view({1, 6, 1, 1}).expand({2, 6, 3, 4});
    const std::vector<float> expected{0, 3, 1, 4, 2, 5};
    for (const bool cl : {false, true}) {
        const auto in = cl ? toChannelsLast(x) : x.contiguous();
        const auto y = IRBlockImpl::channelShuffle(in, 2);
        ASSERT_EQ(y.sizes(), x.sizes());
        EXPECT_EQ(isChannelsLast(y), cl);
        for (int64_t c = 0; c < 6; ++c)
            EXPECT_TRUE(torch::all(y.select(1, c) == expected[c]).item<bool>()) << "channel " << c;
    }
    // Three groups over six channels: [0 1 | 2 3 | 4 5] -> 0 2 4 1 3 5.
    const auto y3 = IRBlockImpl::channelShuffle(toChannelsLast(x.contiguous()), 3);
    const std::vector<float> expected3{0, 2, 4, 1, 3, 5};
    for (int64_t c = 0; c < 6; ++c)
        EXPECT_TRUE(torch::all(y3.select(1, c) == expected3[c]).item<bool>());
    EXPECT_TRUE(torch::equal(IRBlockImpl::channelShuffle(x, 1), x));
}

TEST(IRBlock, ParameterCountMatchesModelCounter) {
    std::vector<OpSpec> ops = builtinOps();
    for (const auto& op : customOps())
        ops.push_back(op);
    const std::vector<LayerShape> shapes{
        {16, 16, 8, 8, 1}, {16, 24, 8, 8, 2}, {32, 32, 4, 4, 1}, {24, 40, 7, 7, 2}};
    for (const bool alwaysPw : {false, true})
        for (const auto& op : ops)
            for (const auto& s : shapes) {
                auto block = makeBlock(op, s, alwaysPw);
                EXPECT_EQ(countedParams(*block.ptr()), ModelCounter::block(op, s, alwaysPw).params)
                    << op.name << " " << s.c_in << "->" << s.c_out << " s" << s.stride
                    << " always_pw " << alwaysPw;
            }
}

TEST(IRBlock, AlwaysPwKeepsTheExpansionConvOfE1Blocks) {
    const OpSpec& e1 = *findBuiltinOp("k3_e1_g2");
    const LayerShape s{16, 16, 8, 8, 1};
    IRBlock with(e1, s, true), without(e1, s, false);
    ASSERT_TRUE(with->hasPointwise());
    EXPECT_EQ(with->pw->options.groups(), 2);
    EXPECT_EQ(with->pwl->options.groups(), 2);
    EXPECT_FALSE(without->hasPointwise());
    EXPECT_EQ(without->forward(input(s)).sizes(), (std::vector<int64_t>{2, 16, 8, 8}));
    // e > 1 keeps it either way.
    EXPECT_TRUE(IRBlock(*findBuiltinOp("k5_e3"), s, false)->hasPointwise());
}

TEST(IRBlock, CustomBlocksRunFiniteAndKeepChannelsLast) {
    torch::manual_seed(2);
    for (const auto& op : customOps()) {
        const LayerShape s{16, 16, 7, 7, 1};
        IRBlock block(op, s, true);
        EXPECT_EQ(block->hasSqueezeExcite(), op.se);
        const auto y = block->forward(input(s));
        EXPECT_TRUE(torch::isfinite(y).all().item<bool>()) << op.name;
        EXPECT_TRUE(isChannelsLast(y)) << op.name;
        EXPECT_TRUE(isChannelsLast(block->dw->weight));
    }
}

TEST(IRBlock, GradientsReachEveryParameter) {
    torch::manual_seed(3);
    const OpSpec op = customOps()[4]; // grouped, shuffled, SE
    const LayerShape s{8, 8, 5, 5, 1};
    IRBlock block(op, s, true);
    block->forward(input(s)).pow(2).sum().backward();
    for (const auto& p : block->named_parameters())
        EXPECT_TRUE(p.value().grad().defined()) << p.key();
}

TEST(IRBlock, RejectsGroupsThatDoNotDivide) {
    EXPECT_THROW(IRBlock(*findBuiltinOp("k3_e1_g2"), LayerShape{15, 16, 8, 8, 1}, true), DnasError);
    EXPECT_THROW(IRBlock(*findBuiltinOp("skip"), LayerShape{16, 16, 8, 8, 1}, true), DnasError);
}

TEST(SkipBlock, IdentityOrProjection) {
    torch::manual_seed(4);
    const LayerShape same{16, 16, 8, 8, 1};
    SkipBlock id(same);
    EXPECT_TRUE(id->isIdentity());
    EXPECT_TRUE(id->parameters().empty());
    const auto x = input(same);
    EXPECT_TRUE(torch::equal(id->forward(x), x));
    for (const LayerShape s : {LayerShape{16, 24, 8, 8, 1}, LayerShape{16, 16, 9, 9, 2}}) {
        SkipBlock proj(s);
        EXPECT_FALSE(proj->isIdentity());
        EXPECT_EQ(countedParams(*proj),
                  ModelCounter::block(*findBuiltinOp("skip"), s, true).params);
        const auto y = proj->forward(input(s));
        EXPECT_EQ(y.sizes(), (std::vector<int64_t>{2, s.c_out, s.outH(), s.outW()}));
        EXPECT_GE(y.min().item<float>(), 0.0f); // ends in ReLU
    }
}

TEST(StemAndHead, PiecesRunAloneAndCountLikeModelCounter) {
    torch::manual_seed(5);
    Stem stem(3, 16, 2);
    EXPECT_EQ(countedParams(*stem), ModelCounter::conv(3, 16, 3, 1, 1, 1, false).params);
    const auto s = stem->forward(toChannelsLast(torch::randn({2, 3, 15, 15})));
    EXPECT_EQ(s.sizes(), (std::vector<int64_t>{2, 16, 8, 8}));

    Head head(16, 64, 10);
    EXPECT_EQ(countedParams(*head), ModelCounter::conv(16, 64, 1, 1, 1, 1, false).params +
                                        ModelCounter::conv(64, 10, 1, 1, 1, 1, true).params);
    const auto c = head->forwardConv(s);
    EXPECT_EQ(c.sizes(), (std::vector<int64_t>{2, 64, 8, 8}));
    const auto p = head->forwardPool(c);
    EXPECT_EQ(p.sizes(), (std::vector<int64_t>{2, 64}));
    EXPECT_TRUE(torch::allclose(p, c.mean({2, 3}), 1e-5, 1e-6));
    const auto logits = head->forwardFc(p);
    EXPECT_EQ(logits.sizes(), (std::vector<int64_t>{2, 10}));
    EXPECT_TRUE(torch::allclose(head->forward(s), logits));
    // The children can be timed on their own, as the LUT measurer does.
    EXPECT_EQ(head->pool->forward(c).sizes(), (std::vector<int64_t>{2, 64, 1, 1}));
    EXPECT_EQ(head->fc->forward(p).sizes(), logits.sizes());
}

TEST(ChannelsLastLayout, GrayscaleInputRunsTheWholeBlockChainChannelsLast) {
    // A 1-channel image, a 1x1 weight and a depthwise weight are contiguous in both layouts;
    // a convolution picks its layout from the strides (suggest_memory_format), so each weight
    // must carry channels-last strides, or everything after the stem silently runs NCHW.
    constexpr auto kCl = at::MemoryFormat::ChannelsLast;
    torch::manual_seed(3);
    Stem stem(1, 16, 2);
    EXPECT_EQ(stem->conv->weight.suggest_memory_format(), kCl);
    const auto s = stem->forward(toChannelsLast(torch::randn({2, 1, 28, 28})));
    EXPECT_EQ(s.suggest_memory_format(), kCl);
    const LayerShape shape{16, 24, 14, 14, 1};
    for (const auto& op :
         {customOp("k3_e1", 3, 1, 1, false, "relu"), customOp("k5_e6", 5, 6, 1, false, "relu")}) {
        IRBlock block(op, shape, /*alwaysPw=*/true);
        for (const auto& p : block->parameters()) {
            if (p.dim() == 4) {
                EXPECT_EQ(p.suggest_memory_format(), kCl) << op.name;
            }
        }
        const auto y = block->forward(s.detach());
        EXPECT_EQ(y.suggest_memory_format(), kCl) << op.name;
        y.sum().backward();
        EXPECT_EQ(block->dw->weight.grad().suggest_memory_format(), kCl) << op.name;
    }
}
