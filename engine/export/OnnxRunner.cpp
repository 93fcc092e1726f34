// SPDX-License-Identifier: GPL-3.0-or-later
// See OnnxExporter.cpp for why these are defined here.
#define ONNX_NAMESPACE onnx
#define ONNX_ML 1
#include "engine/export/OnnxRunner.h"
#include "engine/util/DnasError.h"

#include <onnx/onnx_pb.h>

#include <fstream>
#include <map>

namespace dnas {

namespace {
torch::Tensor fromProto(const onnx::TensorProto& t) {
    std::vector<int64_t> dims(t.dims().begin(), t.dims().end());
    if (t.data_type() == onnx::TensorProto::INT64)
        return torch::tensor(std::vector<int64_t>(t.int64_data().begin(), t.int64_data().end()),
                             torch::kInt64)
            .view(dims);
    if (t.data_type() != onnx::TensorProto::FLOAT || !t.has_raw_data())
        throw DnasError("", t.name(), "only raw float and int64 initializers are supported");
    const std::string& raw = t.raw_data();
    return torch::from_blob(const_cast<char*>(raw.data()), dims, torch::kFloat32).clone();
}

const onnx::AttributeProto* findAttr(const onnx::NodeProto& n, const std::string& name) {
    for (const auto& a : n.attribute())
        if (a.name() == name)
            return &a;
    return nullptr;
}
int64_t intAttr(const onnx::NodeProto& n, const std::string& name, int64_t fallback) {
    const auto* a = findAttr(n, name);
    return a ? a->i() : fallback;
}
float floatAttr(const onnx::NodeProto& n, const std::string& name, float fallback) {
    const auto* a = findAttr(n, name);
    return a ? a->f() : fallback;
}
std::vector<int64_t> intsAttr(const onnx::NodeProto& n, const std::string& name,
                              std::vector<int64_t> fallback) {
    const auto* a = findAttr(n, name);
    return a ? std::vector<int64_t>(a->ints().begin(), a->ints().end()) : fallback;
}
} // namespace

torch::Tensor OnnxRunner::run(const std::string& path, const torch::Tensor& input) {
    onnx::ModelProto model;
    std::ifstream in(path, std::ios::binary);
    if (!in || !model.ParseFromIstream(&in))
        throw DnasError(path, "", "not a readable ONNX model");
    torch::NoGradGuard noGrad;
    std::map<std::string, torch::Tensor> v;
    for (const auto& t : model.graph().initializer())
        v[t.name()] = fromProto(t);
    v[model.graph().input(0).name()] = input.to(torch::kFloat32).contiguous();
    auto get = [&](const onnx::NodeProto& n, int i) {
        auto it = v.find(n.input(i));
        if (it == v.end())
            throw DnasError(path, n.name(), "undefined input " + n.input(i));
        return it->second;
    };
    for (const auto& n : model.graph().node()) {
        const std::string& op = n.op_type();
        torch::Tensor y;
        if (op == "Conv") {
            const auto s = intsAttr(n, "strides", {1, 1}), p = intsAttr(n, "pads", {0, 0, 0, 0});
            if (p[0] != p[2] || p[1] != p[3])
                throw DnasError(path, n.name(), "asymmetric pads");
            y = torch::conv2d(get(n, 0), get(n, 1),
                              n.input_size() > 2 ? get(n, 2) : torch::Tensor(), s, {p[0], p[1]},
                              intsAttr(n, "dilations", {1, 1}), intAttr(n, "group", 1));
        } else if (op == "Relu") {
            y = torch::relu(get(n, 0));
        } else if (op == "Sigmoid") {
            y = torch::sigmoid(get(n, 0));
        } else if (op == "HardSigmoid") {
            y = torch::clamp(get(n, 0) * floatAttr(n, "alpha", 0.2f) + floatAttr(n, "beta", 0.5f),
                             0.0, 1.0);
        } else if (op == "Mul") {
            y = get(n, 0) * get(n, 1);
        } else if (op == "Add") {
            y = get(n, 0) + get(n, 1);
        } else if (op == "Reshape") {
            const torch::Tensor shape = get(n, 1);
            std::vector<int64_t> dims(shape.data_ptr<int64_t>(),
                                      shape.data_ptr<int64_t>() + shape.numel());
            y = get(n, 0).reshape(dims);
        } else if (op == "Transpose") {
            y = get(n, 0).permute(intsAttr(n, "perm", {}));
        } else if (op == "GlobalAveragePool") {
            y = get(n, 0).mean({2, 3}, true);
        } else if (op == "Flatten") {
            y = torch::flatten(get(n, 0), intAttr(n, "axis", 1));
        } else if (op == "Gemm") {
            torch::Tensor b = get(n, 1);
            if (intAttr(n, "transB", 0))
                b = b.t();
            y = torch::addmm(get(n, 2), get(n, 0), b);
        } else {
            throw DnasError(path, n.name(), "op " + op + " is not in the exporter's subset");
        }
        v[n.output(0)] = y;
    }
    return v.at(model.graph().output(0).name());
}

} // namespace dnas
