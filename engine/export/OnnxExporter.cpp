// SPDX-License-Identifier: GPL-3.0-or-later
// libonnx-dev's headers expect these from ONNX's CMake targets; engine/CMakeLists.txt links the
// library files only (see there), so they are defined here, before any ONNX header.
#define ONNX_NAMESPACE onnx
#define ONNX_ML 1
#include "engine/export/OnnxExporter.h"
#include "engine/util/DnasError.h"

#include <onnx/checker.h>
#include <onnx/onnx_pb.h>

#include <filesystem>
#include <fstream>

namespace dnas {

namespace {

// Appends nodes and initializers to one GraphProto, inventing unique value names.
class GraphBuilder {
  public:
    explicit GraphBuilder(onnx::GraphProto& g) : g_(g) {}

    std::string initializer(const std::string& name, const torch::Tensor& t) {
        const torch::Tensor c = t.to(torch::kFloat32).contiguous();
        onnx::TensorProto* p = g_.add_initializer();
        p->set_name(name);
        p->set_data_type(onnx::TensorProto::FLOAT);
        for (int64_t d : c.sizes())
            p->add_dims(d);
        p->set_raw_data(std::string(static_cast<const char*>(c.data_ptr()),
                                    static_cast<size_t>(c.numel()) * sizeof(float)));
        return name;
    }

    std::string shape(const std::string& name, const std::vector<int64_t>& dims) {
        onnx::TensorProto* p = g_.add_initializer();
        p->set_name(name);
        p->set_data_type(onnx::TensorProto::INT64);
        p->add_dims(static_cast<int64_t>(dims.size()));
        for (int64_t d : dims)
            p->add_int64_data(d);
        return name;
    }

    onnx::NodeProto* node(const std::string& op, const std::vector<std::string>& inputs,
                          const std::string& output) {
        onnx::NodeProto* n = g_.add_node();
        n->set_op_type(op);
        n->set_name(output);
        for (const auto& i : inputs)
            n->add_input(i);
        n->add_output(output);
        return n;
    }

    static void attr(onnx::NodeProto* n, const std::string& name, const std::vector<int64_t>& v) {
        onnx::AttributeProto* a = n->add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::INTS);
        for (int64_t x : v)
            a->add_ints(x);
    }
    static void attr(onnx::NodeProto* n, const std::string& name, int64_t v) {
        onnx::AttributeProto* a = n->add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::INT);
        a->set_i(v);
    }
    static void attr(onnx::NodeProto* n, const std::string& name, float v) {
        onnx::AttributeProto* a = n->add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::FLOAT);
        a->set_f(v);
    }

    std::string conv(const FoldedConv& c, const std::string& x, const std::string& out) {
        const std::string w = initializer(c.name + ".weight", c.weight);
        const std::string b = initializer(c.name + ".bias", c.bias);
        onnx::NodeProto* n = node("Conv", {x, w, b}, out);
        const int64_t k = c.kernel(), p = c.padding, s = c.stride;
        attr(n, "kernel_shape", std::vector<int64_t>{k, k});
        attr(n, "strides", std::vector<int64_t>{s, s});
        attr(n, "pads", std::vector<int64_t>{p, p, p, p});
        attr(n, "dilations", std::vector<int64_t>{1, 1});
        attr(n, "group", static_cast<int64_t>(c.groups));
        return out;
    }

    std::string act(const std::string& x, bool hswish, const std::string& out) {
        if (!hswish)
            return node("Relu", {x}, out)->output(0);
        // torch's hardswish is x * relu6(x + 3) / 6 = x * HardSigmoid(alpha 1/6, beta 0.5).
        return node("Mul", {x, hardSigmoid(x, out + "_hsig")}, out)->output(0);
    }

    std::string hardSigmoid(const std::string& x, const std::string& out) {
        onnx::NodeProto* n = node("HardSigmoid", {x}, out);
        attr(n, "alpha", 1.0f / 6.0f);
        attr(n, "beta", 0.5f);
        return out;
    }

  private:
    onnx::GraphProto& g_;
};

void setTensorType(onnx::ValueInfoProto* v, const std::string& name,
                   const std::vector<int64_t>& dims) {
    v->set_name(name);
    auto* t = v->mutable_type()->mutable_tensor_type();
    t->set_elem_type(onnx::TensorProto::FLOAT);
    auto* s = t->mutable_shape();
    s->add_dim()->set_dim_param("batch");
    for (int64_t d : dims)
        s->add_dim()->set_dim_value(d);
}

std::string block(GraphBuilder& gb, const FoldedBlock& b, const std::string& x, size_t l) {
    const std::string p = "b" + std::to_string(l) + "_";
    switch (b.kind) {
    case BlockKind::Identity:
        return x;
    case BlockKind::SkipConv:
        return gb.node("Relu", {gb.conv(b.skip, x, p + "skip")}, p + "out")->output(0);
    case BlockKind::InvertedResidual:
        break;
    }
    std::string y = x;
    if (b.hasPw)
        y = gb.act(gb.conv(b.pw, y, p + "pw"), b.hswish, p + "pw_act");
    if (b.shuffleGroups > 1) {
        // ShuffleNet's shuffle on NCHW: [N, g, C/g, H, W] -> swap 1 and 2 -> [N, C, H, W].
        const int64_t g = b.shuffleGroups, c = b.mid, h = b.shape.h, w = b.shape.w;
        const std::string s5 = gb.shape(p + "shuffle_shape5", {-1, g, c / g, h, w});
        const std::string s4 = gb.shape(p + "shuffle_shape4", {-1, c, h, w});
        y = gb.node("Reshape", {y, s5}, p + "shuffle_split")->output(0);
        auto* t = gb.node("Transpose", {y}, p + "shuffle_swap");
        GraphBuilder::attr(t, "perm", std::vector<int64_t>{0, 2, 1, 3, 4});
        y = gb.node("Reshape", {t->output(0), s4}, p + "shuffle")->output(0);
    }
    y = gb.act(gb.conv(b.dw, y, p + "dw"), b.hswish, p + "dw_act");
    if (b.hasSe) {
        std::string s = gb.node("GlobalAveragePool", {y}, p + "se_pool")->output(0);
        s = gb.node("Relu", {gb.conv(b.seReduce, s, p + "se_reduce")}, p + "se_relu")->output(0);
        s = gb.conv(b.seExpand, s, p + "se_expand");
        // The gate IRBlock uses: hard sigmoid in h-swish blocks, sigmoid otherwise.
        s = b.hswish ? gb.hardSigmoid(s, p + "se_gate")
                     : gb.node("Sigmoid", {s}, p + "se_gate")->output(0);
        // Gate first: OpenCV 4.6's importer computes Mul(x, HardSigmoid(s)) wrongly (it looks
        // like its x * HardSigmoid(x) h-swish fusion); Mul(gate, x) means the same and works.
        y = gb.node("Mul", {s, y}, p + "se")->output(0);
    }
    y = gb.conv(b.pwl, y, p + "pwl");
    if (b.residual)
        y = gb.node("Add", {y, x}, p + "add")->output(0);
    return y;
}

} // namespace

void OnnxExporter::write(const FoldedNet& net, const std::map<std::string, std::string>& metadata,
                         const std::string& path) {
    onnx::ModelProto model;
    model.set_ir_version(7); // the IR version that introduced opset 13
    model.set_producer_name("dnas-studio");
    model.set_model_version(1);
    auto* opset = model.add_opset_import();
    opset->set_domain("");
    opset->set_version(kOpset);
    for (const auto& [k, v] : metadata) {
        auto* m = model.add_metadata_props();
        m->set_key(k);
        m->set_value(v);
    }
    onnx::GraphProto* g = model.mutable_graph();
    g->set_name("dnas_child_net");
    setTensorType(g->add_input(), "input", {net.inputChannels, net.inputSize, net.inputSize});
    setTensorType(g->add_output(), "logits", {net.numClasses});

    GraphBuilder gb(*g);
    std::string x = gb.node("Relu", {gb.conv(net.stem, "input", "stem")}, "stem_act")->output(0);
    for (size_t l = 0; l < net.blocks.size(); ++l)
        x = block(gb, net.blocks[l], x, l);
    x = gb.node("Relu", {gb.conv(net.head, x, "head")}, "head_act")->output(0);
    x = gb.node("GlobalAveragePool", {x}, "pool")->output(0);
    auto* flat = gb.node("Flatten", {x}, "flatten");
    GraphBuilder::attr(flat, "axis", int64_t{1});
    const std::string w = gb.initializer("fc.weight", net.fcWeight);
    const std::string b = gb.initializer("fc.bias", net.fcBias);
    auto* gemm = gb.node("Gemm", {flat->output(0), w, b}, "logits");
    GraphBuilder::attr(gemm, "transB", int64_t{1});

    try {
        onnx::checker::check_model(model);
    } catch (const std::exception& e) {
        throw DnasError(path, "onnx checker", e.what());
    }
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out || !model.SerializeToOstream(&out))
            throw DnasError(path, "", "cannot write the ONNX model");
    }
    std::filesystem::rename(tmp, path);
}

int OnnxExporter::check(const std::string& path) {
    onnx::ModelProto model;
    std::ifstream in(path, std::ios::binary);
    if (!in || !model.ParseFromIstream(&in))
        throw DnasError(path, "", "not a readable ONNX model");
    try {
        onnx::checker::check_model(model);
    } catch (const std::exception& e) {
        throw DnasError(path, "onnx checker", e.what());
    }
    return model.graph().node_size();
}

} // namespace dnas
