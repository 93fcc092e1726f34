// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/export/ModelExporter.h"
#include "engine/util/DnasError.h"
#include "engine/util/JsonFile.h"
#include "tests/engine/export/ExportTestUtil.h"

#include <gtest/gtest.h>

#include <filesystem>

using namespace dnas;
using namespace dnas::exporttest;
namespace fs = std::filesystem;

TEST(ModelExporter, WritesEveryFormatAndChecksEachFile) {
    const SearchSpace space = customSpace();
    const Architecture arch = onlyCandidates(space);
    const std::string dir = freshDir("model-exporter");
    torch::manual_seed(5);
    ChildNet net(space, arch);
    randomizeBn(net, 6);
    torch::save(net, dir + "/weights.pt");
    writeJsonFileAtomic(
        dir + "/train.json",
        {{"format", "dnas-train/1"},
         {"test_accuracy", 0.5},
         {"settings", {{"epochs", 1}}},
         {"dataset", {{"path", "somewhere"}}},
         {"normalisation", {{"mean", {0.5, 0.5, 0.5}}, {"std", {0.25, 0.25, 0.25}}}}});

    ExportRequest r;
    r.space = space;
    r.arch = arch;
    r.weights = dir + "/weights.pt";
    r.trainJson = dir + "/train.json";
    r.luts = {"hw-nas-bench/raspi4-cifar100"}; // its shapes are FBNet's, not this space's
    r.outDir = dir + "/out";
    const ExportResult res = ModelExporter::exportModel(r);
    for (const auto& f : res.files)
        std::cout << f.format << ": " << f.check << std::endl;
    EXPECT_TRUE(res.ok());
    for (const char* f :
         {"model.onnx", "model.pt", "model.ptl", "arch_def.json", "arch.json", "model-card.json"})
        EXPECT_TRUE(fs::exists(fs::path(r.outDir) / f)) << f;
    for (const auto& f : res.files)
        if (f.maxAbsDiff >= 0) {
            EXPECT_LT(f.maxAbsDiff, 1e-4) << f.format;
        }

    const nlohmann::json card = readJsonFile(r.outDir + "/model-card.json");
    EXPECT_EQ(card["architecture"], arch.toString());
    EXPECT_DOUBLE_EQ(card["test_accuracy"].get<double>(), 0.5);
    EXPECT_EQ(card["normalisation"]["std"][0], 0.25);
    EXPECT_GT(card["macs"].get<int64_t>(), 0);
    ASSERT_EQ(card["costs"].size(), 1u);
    EXPECT_TRUE(card["costs"][0].contains("skipped")) << card["costs"].dump();
    ASSERT_FALSE(res.notes.empty());
    EXPECT_NE(res.notes[0].find("skipped"), std::string::npos);
    fs::remove_all(dir);
}

TEST(ModelExporter, CostsOnAMatchingLut) {
    const SearchSpace space = SearchSpace::load("fbnet-cifar");
    ExportRequest r;
    r.space = space;
    r.arch = Architecture::resolve("fbnet-b", space);
    r.formats = {"arch_def"};
    r.luts = {"hw-nas-bench/raspi4-cifar100"};
    r.outDir = freshDir("model-exporter-lut");
    const ExportResult res = ModelExporter::exportModel(r);
    EXPECT_TRUE(res.ok());
    const nlohmann::json card = readJsonFile(r.outDir + "/model-card.json");
    std::cout << card["costs"].dump() << std::endl;
    ASSERT_EQ(card["costs"].size(), 1u);
    if (!card["costs"][0].contains("skipped")) {
        EXPECT_GT(card["costs"][0]["latency_ms"].get<double>(), 0.0);
    }
    fs::remove_all(r.outDir);
}

TEST(ModelExporter, RefusesArchDefForOpsMobileVisionLacksButExportsTheRest) {
    SearchSpace space = customSpace();
    space.layers[5].candidates = {"k3_e1_g2_se"};
    ExportRequest r;
    r.space = space;
    r.arch = onlyCandidates(space);
    r.outDir = freshDir("model-exporter-refuse");
    try {
        ModelExporter::exportModel(r);
        FAIL() << "arch_def was requested and cannot express k3_e1_g2_se";
    } catch (const DnasError& e) {
        EXPECT_NE(std::string(e.what()).find("k3_e1_g2_se"), std::string::npos) << e.what();
    }
    r.formats = {"onnx", "torchscript"};
    const ExportResult res = ModelExporter::exportModel(r);
    EXPECT_TRUE(res.ok());
    EXPECT_FALSE(fs::exists(r.outDir + "/arch_def.json"));
    bool noted = false;
    for (const auto& n : res.notes)
        noted |= n.find("k3_e1_g2_se") != std::string::npos;
    EXPECT_TRUE(noted);
    EXPECT_THROW(
        [&] {
            r.formats = {"tflite"};
            ModelExporter::exportModel(r);
        }(),
        DnasError);
    fs::remove_all(r.outDir);
}
