// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/nn/ChildNet.h"

#include <string>
#include <torch/torch.h>
#include <vector>

namespace dnas {

// A conv with its BatchNorm folded in (eval-mode BN is affine per output channel, so
// conv+BN == conv with scaled weights and a bias). Tensors are float32, contiguous NCHW.
struct FoldedConv {
    std::string name; // stable, identifier-safe: "stem", "b3_pw", "head", ...
    torch::Tensor weight, bias;
    int stride = 1, padding = 0, groups = 1;
    int kernel() const { return static_cast<int>(weight.size(2)); }
    int cOut() const { return static_cast<int>(weight.size(0)); }
};

enum class BlockKind { Identity, SkipConv, InvertedResidual };

// One searchable layer after folding; the fields that a kind does not use stay empty.
struct FoldedBlock {
    BlockKind kind = BlockKind::Identity;
    LayerShape shape;
    bool hasPw = false, hasSe = false, residual = false, hswish = false;
    int shuffleGroups = 1;                      // channel shuffle after the expansion conv when > 1
    int mid = 0;                                // expanded channels
    FoldedConv skip;                            // SkipConv: 1x1 conv (+ReLU)
    FoldedConv pw, dw, seReduce, seExpand, pwl; // InvertedResidual; SE convs keep their bias
};

// The whole ChildNet as exporters see it: every BN folded, activations named by the block.
// The exporters (ONNX, TorchScript) share this so they cannot disagree on the arithmetic.
struct FoldedNet {
    int inputChannels = 3, inputSize = 32, numClasses = 10;
    FoldedConv stem; // +ReLU
    std::vector<FoldedBlock> blocks;
    FoldedConv head;                // 1x1 + ReLU
    torch::Tensor fcWeight, fcBias; // classes x C_head, classes

    // Folding uses the BN running statistics (eval mode) in double precision.
    static FoldedNet fold(ChildNetImpl& net);
};

} // namespace dnas
