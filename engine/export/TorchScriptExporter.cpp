// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/export/TorchScriptExporter.h"
#include "engine/util/DnasError.h"

#include <filesystem>
#include <sstream>

namespace dnas {

namespace {
void addConv(torch::jit::Module& m, const FoldedConv& c) {
    // Parameters, not buffers: Python users can fine-tune the exported model directly.
    m.register_parameter(c.name + "_weight", c.weight.clone(), false);
    m.register_parameter(c.name + "_bias", c.bias.clone(), false);
}

// torch.conv2d(x, w, b, stride, padding, dilation, groups)
std::string conv(const FoldedConv& c, const std::string& x) {
    std::ostringstream s;
    s << "torch.conv2d(" << x << ", self." << c.name << "_weight, self." << c.name << "_bias, ["
      << c.stride << ", " << c.stride << "], [" << c.padding << ", " << c.padding << "], [1, 1], "
      << c.groups << ")";
    return s.str();
}

std::string act(const std::string& x, bool hswish) {
    return (hswish ? "torch.hardswish(" : "torch.relu(") + x + ")";
}

std::unordered_map<std::string, std::string>
toUnordered(const std::map<std::string, std::string>& m) {
    return {m.begin(), m.end()};
}

void replaceAtomically(const std::string& tmp, const std::string& path) {
    std::filesystem::rename(tmp, path);
}
} // namespace

std::string TorchScriptExporter::source(const FoldedNet& net) {
    std::ostringstream s;
    s << "def forward(self, x):\n";
    s << "    x = " << act(conv(net.stem, "x"), false) << "\n";
    for (size_t l = 0; l < net.blocks.size(); ++l) {
        const FoldedBlock& b = net.blocks[l];
        s << "    # layer " << l << "\n";
        if (b.kind == BlockKind::Identity)
            continue;
        if (b.kind == BlockKind::SkipConv) {
            s << "    x = " << act(conv(b.skip, "x"), false) << "\n";
            continue;
        }
        s << "    r = x\n";
        if (b.hasPw)
            s << "    x = " << act(conv(b.pw, "x"), b.hswish) << "\n";
        if (b.shuffleGroups > 1) {
            // ShuffleNet's channel shuffle; the batch stays dynamic.
            const int g = b.shuffleGroups;
            s << "    n = x.size(0)\n"
              << "    x = x.reshape([n, " << g << ", " << b.mid / g << ", " << b.shape.h << ", "
              << b.shape.w << "]).transpose(1, 2).reshape([n, " << b.mid << ", " << b.shape.h
              << ", " << b.shape.w << "])\n";
        }
        s << "    x = " << act(conv(b.dw, "x"), b.hswish) << "\n";
        if (b.hasSe) {
            s << "    s = torch.mean(x, [2, 3], True)\n"
              << "    s = torch.relu(" << conv(b.seReduce, "s") << ")\n"
              << "    s = " << (b.hswish ? "torch.hardsigmoid(" : "torch.sigmoid(")
              << conv(b.seExpand, "s") << ")\n"
              << "    x = x * s\n";
        }
        s << "    x = " << conv(b.pwl, "x") << "\n";
        if (b.residual)
            s << "    x = x + r\n";
    }
    s << "    x = " << act(conv(net.head, "x"), false) << "\n";
    s << "    x = torch.mean(x, [2, 3])\n";
    s << "    return torch.linear(x, self.fc_weight, self.fc_bias)\n";
    return s.str();
}

torch::jit::Module TorchScriptExporter::build(const FoldedNet& net) {
    torch::jit::Module m("DnasChildNet");
    addConv(m, net.stem);
    for (const FoldedBlock& b : net.blocks) {
        if (b.kind == BlockKind::SkipConv)
            addConv(m, b.skip);
        if (b.kind != BlockKind::InvertedResidual)
            continue;
        if (b.hasPw)
            addConv(m, b.pw);
        addConv(m, b.dw);
        if (b.hasSe) {
            addConv(m, b.seReduce);
            addConv(m, b.seExpand);
        }
        addConv(m, b.pwl);
    }
    addConv(m, net.head);
    m.register_parameter("fc_weight", net.fcWeight.clone(), false);
    m.register_parameter("fc_bias", net.fcBias.clone(), false);
    try {
        m.define(source(net));
    } catch (const std::exception& e) {
        throw DnasError("", "TorchScript",
                        std::string("generated forward() does not compile: ") + e.what());
    }
    return m;
}

void TorchScriptExporter::saveScript(const torch::jit::Module& m, const std::string& path,
                                     const std::map<std::string, std::string>& extraFiles) {
    try {
        m.save(path + ".tmp", toUnordered(extraFiles));
    } catch (const std::exception& e) {
        throw DnasError(path, "", std::string("cannot save TorchScript: ") + e.what());
    }
    replaceAtomically(path + ".tmp", path);
}

void TorchScriptExporter::saveLite(const torch::jit::Module& m, const std::string& path,
                                   const std::map<std::string, std::string>& extraFiles) {
    try {
        m._save_for_mobile(path + ".tmp", toUnordered(extraFiles));
    } catch (const std::exception& e) {
        throw DnasError(path, "", std::string("cannot save for the lite interpreter: ") + e.what());
    }
    replaceAtomically(path + ".tmp", path);
}

} // namespace dnas
