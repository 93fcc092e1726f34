// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/export/TorchScriptExporter.h"
#include "engine/export/FoldedNet.h"
#include "tests/engine/export/ExportTestUtil.h"

#include <gtest/gtest.h>
#include <torch/csrc/jit/mobile/import.h>
#include <torch/csrc/jit/mobile/module.h>

#include <cstdlib>
#include <filesystem>

using namespace dnas;
using namespace dnas::exporttest;

namespace {
// The python3-torch that Debian ships next to libtorch; the test skips without it.
constexpr const char* kPython = "/usr/bin/python3";

struct Exported {
    torch::Tensor input, want, script, lite;
    std::string ptPath;
};

Exported exportAndReload(const SearchSpace& space, const Architecture& arch,
                         const std::string& dir) {
    torch::manual_seed(3);
    ChildNet net(space, arch);
    randomizeBn(net, 4);
    Exported e;
    e.input = torch::randn({3, space.input_channels, space.input_size, space.input_size});
    {
        torch::NoGradGuard g;
        e.want = net->forward(e.input);
    }
    const FoldedNet folded = FoldedNet::fold(*net);
    const torch::jit::Module m = TorchScriptExporter::build(folded);
    e.ptPath = dir + "/model.pt";
    TorchScriptExporter::saveScript(m, e.ptPath, {{"dnas-model.json", "{}"}});
    TorchScriptExporter::saveLite(m, dir + "/model.ptl", {});
    torch::NoGradGuard g;
    torch::jit::Module back = torch::jit::load(e.ptPath);
    e.script = back.forward({e.input}).toTensor();
    torch::jit::mobile::Module lite = torch::jit::_load_for_mobile(dir + "/model.ptl");
    e.lite = lite.forward({e.input}).toTensor();
    return e;
}

void expectMatches(const Exported& e, const std::string& dir) {
    // A net whose logits ignore the input would make every comparison trivially pass.
    EXPECT_GT((e.want[0] - e.want[1]).abs().max().item<double>(), 1e-3) << "degenerate net";
    const double scale = std::max(1.0, e.want.abs().max().item<double>());
    const double dScript = maxAbsDiff(e.script, e.want), dLite = maxAbsDiff(e.lite, e.want);
    std::cout << "  logits max |.| " << e.want.abs().max().item<double>()
              << "; torch::jit::load diff " << dScript << "; _load_for_mobile diff " << dLite
              << std::endl;
    EXPECT_LE(dScript, 1e-5 * scale);
    EXPECT_LE(dLite, 1e-5 * scale);
    EXPECT_EQ(maxAbsDiff(e.lite, e.script), 0.0); // same graph, same kernels

    if (!std::filesystem::exists(kPython))
        GTEST_SKIP() << "no " << kPython;
    writeRaw(dir + "/input.bin", e.input);
    const std::string script =
        "import sys, torch\n"
        "m = torch.jit.load(sys.argv[1]); m.eval()\n"
        "x = torch.frombuffer(bytearray(open(sys.argv[2], 'rb').read()), dtype=torch.float32)\n"
        "x = x.reshape(" +
        std::to_string(e.input.size(0)) + ", " + std::to_string(e.input.size(1)) + ", " +
        std::to_string(e.input.size(2)) + ", " + std::to_string(e.input.size(3)) +
        ")\n"
        "with torch.no_grad(): y = m(x).contiguous()\n"
        "open(sys.argv[3], 'wb').write(y.numpy().tobytes())\n";
    { std::ofstream(dir + "/run.py") << script; }
    const std::string cmd = std::string(kPython) + " " + dir + "/run.py " + e.ptPath + " " + dir +
                            "/input.bin " + dir + "/output.bin";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    const torch::Tensor py = readRaw(dir + "/output.bin", e.want.sizes().vec());
    const double dPy = maxAbsDiff(py, e.want);
    std::cout << "  python torch.jit.load diff " << dPy << std::endl;
    EXPECT_LE(dPy, 1e-5 * std::max(1.0, e.want.abs().max().item<double>()));
    // Python and LibTorch run the same graph with the same kernels.
    EXPECT_LE(maxAbsDiff(py, e.script), 1e-6);
}
} // namespace

TEST(TorchScriptExporter, FbnetABCMatchLibTorchInCppLiteAndPython) {
    const SearchSpace space = SearchSpace::load("fbnet-cifar");
    for (const char* name : {"fbnet-a", "fbnet-b", "fbnet-c"}) {
        SCOPED_TRACE(name);
        std::cout << name << std::endl;
        const std::string dir = freshDir(std::string("ts-") + name);
        expectMatches(exportAndReload(space, Architecture::resolve(name, space), dir), dir);
        std::filesystem::remove_all(dir);
    }
}

TEST(TorchScriptExporter, CustomOpsMatch) {
    const SearchSpace space = customSpace();
    const std::string dir = freshDir("ts-custom");
    expectMatches(exportAndReload(space, onlyCandidates(space), dir), dir);
    std::filesystem::remove_all(dir);
}

TEST(TorchScriptExporter, MobileVisionConventionWithoutExpansionConv) {
    SearchSpace space = customSpace();
    space.always_pw = false; // e=1 blocks without the 1x1 expansion conv, shuffle still there
    const std::string dir = freshDir("ts-nopw");
    expectMatches(exportAndReload(space, onlyCandidates(space), dir), dir);
    std::filesystem::remove_all(dir);
}

TEST(TorchScriptExporter, SourceNamesEveryLayer) {
    const SearchSpace space = customSpace();
    ChildNet net(space, onlyCandidates(space));
    const std::string src = TorchScriptExporter::source(FoldedNet::fold(*net));
    EXPECT_NE(src.find("torch.hardswish"), std::string::npos);
    EXPECT_NE(src.find("torch.hardsigmoid"), std::string::npos);
    EXPECT_NE(src.find("transpose(1, 2)"), std::string::npos);
    EXPECT_NE(src.find("# layer 7"), std::string::npos);
}
