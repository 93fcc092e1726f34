// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <torch/torch.h>

#include <string>

namespace dnas {

// A reference interpreter for the ONNX subset OnnxExporter writes (Conv, Relu, HardSigmoid,
// Sigmoid, Mul, Add, Reshape, Transpose, GlobalAveragePool, Flatten, Gemm), evaluated with
// LibTorch ops. It lets the exporter check a written model.onnx numerically without an ONNX
// runtime in the engine; the tests additionally run the file through OpenCV's DNN importer.
class OnnxRunner {
  public:
    // Throws DnasError naming the file and the node on anything outside the subset.
    static torch::Tensor run(const std::string& path, const torch::Tensor& input);
};

} // namespace dnas
