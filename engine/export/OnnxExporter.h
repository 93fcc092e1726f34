// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/export/FoldedNet.h"

#include <map>
#include <string>

namespace dnas {

// Writes a FoldedNet as an ONNX model (opset 13, IR version 7) with Debian's libonnx protobuf
// classes: BN folded into the convs, channel shuffle as Reshape/Transpose/Reshape, h-swish as
// x * HardSigmoid(x) (HardSwish only arrives in opset 14), SE as GlobalAveragePool/Conv/Relu/
// Conv/(Hard)Sigmoid/Mul, head Conv/Relu/GlobalAveragePool/Flatten/Gemm. Input "input"
// [batch, C, H, W] with a symbolic batch dimension, output "logits" [batch, classes].
class OnnxExporter {
  public:
    static constexpr int kOpset = 13;

    // metadata becomes metadata_props. Runs onnx::checker::check_model before writing and throws
    // DnasError(path, ...) when it fails or the file cannot be written.
    static void write(const FoldedNet& net, const std::map<std::string, std::string>& metadata,
                      const std::string& path);

    // Parses a written file and runs the checker on it; returns the number of graph nodes.
    // Throws DnasError on a parse or checker failure.
    static int check(const std::string& path);
};

} // namespace dnas
