// SPDX-License-Identifier: GPL-3.0-or-later
// model.onnx through an ONNX consumer that is not ours: OpenCV's DNN importer must load it and
// give the LibTorch ChildNet's logits.
#include "engine/export/FoldedNet.h"
#include "engine/export/ModelExporter.h"
#include "engine/export/OnnxExporter.h"
#include "engine/export/OnnxRunner.h"
#include "engine/train/Trainer.h"
#include "engine/util/JsonFile.h"
#include "tests/engine/export/ExportTestUtil.h"

#include <gtest/gtest.h>
#include <opencv2/dnn.hpp>

#include <filesystem>

using namespace dnas;
using namespace dnas::exporttest;
namespace fs = std::filesystem;

namespace {
// OpenCV 4.6 broadcasts a variable [N,C,1,1] SE gate correctly only for N = 1 (batch 2 throws
// or mixes samples: a limitation of its Scale layer, not of the file, which our reference
// interpreter runs at any batch). perSample feeds such nets one image at a time.
torch::Tensor runOpenCv(const std::string& path, const torch::Tensor& x, bool perSample = false) {
    if (perSample) {
        std::vector<torch::Tensor> rows;
        for (int64_t i = 0; i < x.size(0); ++i)
            rows.push_back(runOpenCv(path, x.narrow(0, i, 1)));
        return torch::cat(rows);
    }
    cv::dnn::Net net = cv::dnn::readNetFromONNX(path);
    const torch::Tensor c = x.to(torch::kFloat32).contiguous();
    const std::vector<int> sizes(c.sizes().begin(), c.sizes().end());
    const cv::Mat blob(static_cast<int>(sizes.size()), sizes.data(), CV_32F, c.data_ptr());
    net.setInput(blob, "input");
    cv::Mat out = net.forward().clone();
    return torch::from_blob(out.ptr<float>(), {out.size[0], out.size[1]}, torch::kFloat32).clone();
}

// Exports, checks the file with onnx::checker, and compares OpenCV and our interpreter.
void expectOpenCvMatches(ChildNet& net, const torch::Tensor& x, const std::string& path, double tol,
                         bool perSample = false) {
    net->eval();
    torch::Tensor want;
    {
        torch::NoGradGuard g;
        want = net->forward(x);
    }
    // A net whose logits ignore the input would make every comparison trivially pass.
    EXPECT_GT((want[0] - want[1]).abs().max().item<double>(), 1e-3) << "degenerate net";
    OnnxExporter::write(FoldedNet::fold(*net), {{"architecture", net->architecture().toString()}},
                        path);
    EXPECT_GT(OnnxExporter::check(path), 0);
    const double dCv = maxAbsDiff(runOpenCv(path, x, perSample), want);
    const double dRef = maxAbsDiff(OnnxRunner::run(path, x), want);
    std::cout << "  logits max |.| " << want.abs().max().item<double>() << "; OpenCV diff " << dCv
              << "; reference interpreter diff " << dRef << std::endl;
    EXPECT_LE(dCv, tol);
    EXPECT_LE(dRef, tol);
}
} // namespace

TEST(OnnxOpenCv, FbnetABCWithRandomBnStatistics) {
    const SearchSpace space = SearchSpace::load("fbnet-cifar");
    const std::string dir = freshDir("onnx-fbnet");
    for (const char* name : {"fbnet-a", "fbnet-b", "fbnet-c"}) {
        SCOPED_TRACE(name);
        std::cout << name << std::endl;
        torch::manual_seed(11);
        ChildNet net(space, Architecture::resolve(name, space));
        randomizeBn(net, 12);
        expectOpenCvMatches(net, torch::randn({2, 3, 32, 32}), dir + "/" + name + ".onnx", 1e-4);
    }
    fs::remove_all(dir);
}

TEST(OnnxOpenCv, CustomOpsG2SkipProjectionsSeHswish) {
    for (bool alwaysPw : {true, false}) {
        SearchSpace space = customSpace();
        space.always_pw = alwaysPw;
        const std::string dir = freshDir("onnx-custom");
        torch::manual_seed(13);
        ChildNet net(space, onlyCandidates(space));
        randomizeBn(net, 14);
        expectOpenCvMatches(net, torch::randn({2, 3, 32, 32}), dir + "/custom.onnx", 1e-4, true);
        fs::remove_all(dir);
    }
}

TEST(OnnxOpenCv, ShortTrainedFashionMnistNet) {
    const std::string data = "/usr/share/datasets/fashion-mnist";
    if (!fs::exists(data + "/train-images-idx3-ubyte.gz"))
        GTEST_SKIP() << "no " << data;
    const SearchSpace space = SearchSpace::load("fbnet-fmnist");
    Architecture arch;
    arch.space = space.name;
    for (size_t l = 0; l < space.layers.size(); ++l) // every kind of candidate somewhere
        arch.ops.push_back(space.layers[l].candidates[l % space.layers[l].candidates.size()]);
    TrainSettings s;
    // Enough training for logits that depend on the input (1 epoch of 512 images is not).
    s.epochs = 2;
    s.batch_size = 64;
    s.lr = 0.4;
    s.limit = 2048;
    s.threads = 1;
    s.augment = false;
    const std::string dir = freshDir("onnx-fmnist");
    Trainer(space, arch, {{"path", data}}, "test", s).run(dir + "/final");

    ExportRequest r;
    r.space = space;
    r.arch = arch;
    r.weights = dir + "/final/weights.pt";
    r.trainJson = dir + "/final/train.json";
    r.formats = {"onnx"};
    r.outDir = dir + "/export";
    const ExportResult res = ModelExporter::exportModel(r);
    EXPECT_TRUE(res.ok()) << res.files.front().check;

    ChildNet net(space, arch);
    torch::load(net, r.weights);
    net->eval();
    torch::manual_seed(15);
    const torch::Tensor x = torch::randn({4, 1, 28, 28});
    torch::Tensor want;
    {
        torch::NoGradGuard g;
        want = net->forward(x);
    }
    const double d = maxAbsDiff(runOpenCv(r.outDir + "/model.onnx", x), want);
    const double spread = (want[0] - want[1]).abs().max().item<double>();
    std::cout << "  trained Fashion-MNIST net: logits max |.| " << want.abs().max().item<double>()
              << ", sample spread " << spread << "; OpenCV diff " << d << std::endl;
    EXPECT_GT(spread, 1e-3) << "degenerate net";
    EXPECT_LE(d, 1e-4);
    const nlohmann::json card = readJsonFile(r.outDir + "/model-card.json");
    EXPECT_TRUE(card.contains("normalisation"));
    EXPECT_TRUE(card.contains("test_accuracy"));
    fs::remove_all(dir);
}
