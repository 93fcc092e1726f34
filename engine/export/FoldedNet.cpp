// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/export/FoldedNet.h"
#include "engine/nn/IRBlock.h"
#include "engine/nn/SkipBlock.h"

namespace dnas {

namespace {
// Channels-last parameters must become plain NCHW before anyone copies raw memory from them.
torch::Tensor plain(const torch::Tensor& t) {
    return t.detach().to(torch::kCPU, torch::kFloat64).contiguous(at::MemoryFormat::Contiguous);
}

FoldedConv foldConv(const std::string& name, torch::nn::Conv2dImpl& conv,
                    torch::nn::BatchNorm2dImpl* bn) {
    FoldedConv f;
    f.name = name;
    const auto& o = conv.options;
    f.stride = static_cast<int>((*o.stride())[0]);
    f.groups = static_cast<int>(o.groups());
    if (const auto* p = c10::get_if<torch::ExpandingArray<2>>(&o.padding()))
        f.padding = static_cast<int>((**p)[0]);
    torch::Tensor w = plain(conv.weight);
    torch::Tensor b =
        conv.bias.defined() ? plain(conv.bias) : torch::zeros({w.size(0)}, torch::kFloat64);
    if (bn) {
        const torch::Tensor scale =
            plain(bn->weight) / torch::sqrt(plain(bn->running_var) + bn->options.eps());
        w = w * scale.view({-1, 1, 1, 1});
        b = (b - plain(bn->running_mean)) * scale + plain(bn->bias);
    }
    f.weight = w.to(torch::kFloat32).contiguous();
    f.bias = b.to(torch::kFloat32).contiguous();
    return f;
}
} // namespace

FoldedNet FoldedNet::fold(ChildNetImpl& net) {
    torch::NoGradGuard noGrad;
    FoldedNet f;
    const SearchSpace& sp = net.space();
    f.inputChannels = sp.input_channels;
    f.inputSize = sp.input_size;
    f.numClasses = sp.num_classes;
    f.stem = foldConv("stem", *net.stem->conv, net.stem->bn.get());
    for (int64_t l = 0; l < net.numBlocks(); ++l) {
        FoldedBlock b;
        b.shape = net.shapes()[static_cast<size_t>(l)];
        const std::string p = "b" + std::to_string(l) + "_";
        auto module = net.blocks->ptr(static_cast<size_t>(l));
        if (auto* skip = module->as<SkipBlockImpl>()) {
            b.kind = skip->isIdentity() ? BlockKind::Identity : BlockKind::SkipConv;
            if (!skip->isIdentity())
                b.skip = foldConv(p + "skip", *skip->conv, skip->bn.get());
        } else {
            auto* ir = module->as<IRBlockImpl>();
            TORCH_CHECK(ir, "block ", l, " is neither an IRBlock nor a SkipBlock");
            b.kind = BlockKind::InvertedResidual;
            b.hasPw = ir->hasPointwise();
            b.hasSe = ir->hasSqueezeExcite();
            b.residual = ir->hasResidual();
            b.hswish = ir->op().act == "hswish";
            b.shuffleGroups = ir->op().groups;
            b.mid = ir->midChannels();
            if (b.hasPw)
                b.pw = foldConv(p + "pw", *ir->pw, ir->pwBn.get());
            b.dw = foldConv(p + "dw", *ir->dw, ir->dwBn.get());
            if (b.hasSe) {
                b.seReduce = foldConv(p + "se_reduce", *ir->seReduce, nullptr);
                b.seExpand = foldConv(p + "se_expand", *ir->seExpand, nullptr);
            }
            b.pwl = foldConv(p + "pwl", *ir->pwl, ir->pwlBn.get());
        }
        f.blocks.push_back(std::move(b));
    }
    f.head = foldConv("head", *net.head->conv, net.head->bn.get());
    f.fcWeight = net.head->fc->weight.detach().to(torch::kCPU, torch::kFloat32).contiguous();
    f.fcBias = net.head->fc->bias.detach().to(torch::kCPU, torch::kFloat32).contiguous();
    return f;
}

} // namespace dnas
