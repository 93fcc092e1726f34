// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/export/ModelExporter.h"
#include "engine/cost/LatencyTable.h"
#include "engine/cost/ModelCounter.h"
#include "engine/export/ArchDef.h"
#include "engine/export/FoldedNet.h"
#include "engine/export/OnnxExporter.h"
#include "engine/export/OnnxRunner.h"
#include "engine/export/TorchScriptExporter.h"
#include "engine/nn/ChildNet.h"
#include "engine/search/Study.h"
#include "engine/util/DnasError.h"
#include "engine/util/JsonFile.h"

#include <torch/csrc/jit/mobile/import.h>
#include <torch/csrc/jit/mobile/module.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

namespace fs = std::filesystem;

namespace dnas {

namespace {
// Float32 nets differ from their exports by rounding only (folded BN, other summation order);
// anything above this is a wrong graph, not rounding.
constexpr double kTolerance = 1e-3;

std::string fmt(double v) {
    std::ostringstream s;
    s.precision(3);
    s << std::scientific << v;
    return s.str();
}

ExportedFile compared(const std::string& path, const std::string& format, const std::string& how,
                      const torch::Tensor& got, const torch::Tensor& want) {
    ExportedFile f;
    f.path = path;
    f.format = format;
    f.maxAbsDiff = (got.to(torch::kFloat64) - want.to(torch::kFloat64)).abs().max().item<double>();
    f.ok = got.sizes() == want.sizes() && f.maxAbsDiff <= kTolerance;
    f.check = how + ": logits max abs diff " + fmt(f.maxAbsDiff) + (f.ok ? " (ok)" : " (FAILED)");
    return f;
}

bool wants(const ExportRequest& r, const std::string& format) {
    return std::find(r.formats.begin(), r.formats.end(), format) != r.formats.end();
}

// Same layers, shapes and op meanings (names may differ for custom ops) and the same counts.
ExportedFile checkArchDef(const std::string& path, const SearchSpace& space,
                          const Architecture& arch) {
    ExportedFile f;
    f.path = path;
    f.format = "arch_def";
    const ArchDefModel m = ArchDef::read(readJsonFile(path), path);
    const SearchSpace a = arch.applyTo(space);
    bool same = m.arch.ops.size() == arch.ops.size() && m.space.head_c_out == a.head_c_out &&
                m.space.stem_c_out == a.stem_c_out && m.space.stem_stride == a.stem_stride &&
                m.space.input_size == a.input_size && m.space.num_classes == a.num_classes;
    for (size_t l = 0; same && l < arch.ops.size(); ++l) {
        OpSpec x = a.op(arch.ops[l]), y = m.space.op(m.arch.ops[l]);
        y.name = x.name;
        same = x == y && a.layers[l].c_out == m.space.layers[l].c_out &&
               a.layers[l].stride == m.space.layers[l].stride;
    }
    const OpCount c0 = ModelCounter::count(space, arch).total();
    const OpCount c1 = ModelCounter::count(m.space, m.arch).total();
    f.ok = same && c0.macs == c1.macs && c0.params == c1.params;
    f.check = "parsed back: " + std::to_string(m.arch.ops.size()) + " layers, " +
              std::to_string(c1.macs) + " MACs, " + std::to_string(c1.params) + " params " +
              (f.ok ? "(same architecture and counts)" : "(MISMATCH)");
    return f;
}

nlohmann::json costs(const ExportRequest& r, std::vector<std::string>& notes) {
    nlohmann::json out = nlohmann::json::array();
    for (const std::string& name : r.luts) {
        try {
            const LatencyTable lut = LatencyTable::load(name).calibratedFor(r.space);
            nlohmann::json c = {
                {"lut", name},
                {"device", lut.deviceName()},
                {"latency_ms", lut.archCost(r.space, r.arch, CostMetric::Latency) / 1000.0}};
            if (lut.hasEnergy())
                c["energy_mj"] = lut.archCost(r.space, r.arch, CostMetric::Energy) / 1000.0;
            out.push_back(c);
        } catch (const DnasError& e) {
            // A LUT measured for other shapes lacks signatures; the card says so instead.
            notes.push_back("LUT " + name + " skipped: " + e.what());
            out.push_back({{"lut", name}, {"skipped", e.what()}});
        }
    }
    return out;
}
} // namespace

bool ExportResult::ok() const {
    return std::all_of(files.begin(), files.end(), [](const ExportedFile& f) { return f.ok; });
}

const std::vector<std::string>& ModelExporter::formatNames() {
    static const std::vector<std::string> names = {"onnx", "torchscript", "ptl", "arch_def"};
    return names;
}

ExportRequest ModelExporter::forRun(const std::string& runDir) {
    const fs::path run(runDir), final = run / "final";
    const std::string studyFile = (run / "study.json").string();
    const Study study = Study::fromJson(readJsonFile(studyFile), studyFile);
    ExportRequest r;
    r.space = study.space;
    if (!fs::exists(final / "arch.json"))
        throw DnasError(runDir, "final/arch.json", "the search has not finished");
    r.arch = Architecture::resolve((final / "arch.json").string(), r.space);
    if (fs::exists(final / "weights.pt"))
        r.weights = (final / "weights.pt").string();
    if (fs::exists(final / "train.json"))
        r.trainJson = (final / "train.json").string();
    if (study.cost.usesLut() && !study.cost.lut.empty() && study.cost.lut != "auto")
        r.luts.push_back(study.cost.lut);
    return r;
}

ExportResult ModelExporter::exportModel(const ExportRequest& r) {
    for (const std::string& f : r.formats)
        if (std::find(formatNames().begin(), formatNames().end(), f) == formatNames().end())
            throw DnasError("", "format",
                            "unknown export format \"" + f +
                                "\" (onnx, torchscript, ptl, arch_def)");
    if (r.outDir.empty())
        throw DnasError("", "output", "no output folder");
    ExportResult result;
    torch::manual_seed(r.seed);
    ChildNet net(r.space, r.arch);
    if (!r.weights.empty()) {
        try {
            torch::load(net, r.weights);
        } catch (const std::exception& e) {
            throw DnasError(r.weights, "",
                            std::string("cannot load these weights into ") + r.arch.toString() +
                                ": " + e.what());
        }
    } else {
        result.notes.push_back("no weights given: the exported model has untrained weights");
    }
    net->eval();
    nlohmann::json train =
        r.trainJson.empty() ? nlohmann::json::object() : readJsonFile(r.trainJson);
    fs::create_directories(r.outDir);
    const fs::path out(r.outDir);

    // arch_def.json is always attempted; an op it cannot express only fails an explicit request.
    nlohmann::json archDef;
    try {
        archDef = ArchDef::write(r.space, r.arch);
    } catch (const DnasError& e) {
        if (wants(r, "arch_def"))
            throw;
        result.notes.push_back(std::string("arch_def.json not written: ") + e.what());
    }

    const OpCount count = ModelCounter::count(r.space, r.arch).total();
    Architecture arch = r.arch;
    if (train.contains("test_accuracy"))
        arch.accuracy = train["test_accuracy"].get<double>();
    nlohmann::json card = {{"format", "dnas-model-card/1"},
                           {"architecture", arch.toString()},
                           {"space", r.space.name},
                           {"input",
                            {{"channels", r.space.input_channels},
                             {"size", r.space.input_size},
                             {"layout", "NCHW float32, normalised"}}},
                           {"num_classes", r.space.num_classes},
                           {"macs", count.macs},
                           {"params", count.params},
                           {"weights", r.weights.empty() ? "untrained" : r.weights},
                           {"costs", costs(r, result.notes)}};
    if (arch.accuracy)
        card["test_accuracy"] = *arch.accuracy;
    for (const char* k : {"settings", "dataset", "normalisation", "seconds"})
        if (train.contains(k))
            card[k == std::string("settings") ? "training" : k] = train[k];

    std::map<std::string, std::string> meta = {
        {"architecture", arch.toString()},
        {"space", r.space.name},
        {"dataset", train.contains("dataset") ? train["dataset"].dump() : "unknown"},
        {"accuracy", arch.accuracy ? std::to_string(*arch.accuracy) : "unknown"},
        {"normalisation",
         train.contains("normalisation") ? train["normalisation"].dump() : "none"}};

    torch::manual_seed(r.seed + 1);
    const torch::Tensor x = torch::randn(
        {r.checkBatch, r.space.input_channels, r.space.input_size, r.space.input_size});
    torch::Tensor want;
    {
        torch::NoGradGuard noGrad;
        want = net->forward(x).contiguous();
    }
    const FoldedNet folded = FoldedNet::fold(*net);
    if (wants(r, "onnx")) {
        const std::string p = (out / "model.onnx").string();
        OnnxExporter::write(folded, meta, p);
        const int nodes = OnnxExporter::check(p);
        result.files.push_back(
            compared(p, "onnx",
                     "onnx checker ok (" + std::to_string(nodes) + " nodes); reference interpreter",
                     OnnxRunner::run(p, x), want));
    }
    if (wants(r, "torchscript") || wants(r, "ptl")) {
        const torch::jit::Module m = TorchScriptExporter::build(folded);
        const std::map<std::string, std::string> extra = {{"dnas-model.json", card.dump(2)}};
        torch::NoGradGuard noGrad;
        if (wants(r, "torchscript")) {
            const std::string p = (out / "model.pt").string();
            TorchScriptExporter::saveScript(m, p, extra);
            torch::jit::Module back = torch::jit::load(p);
            result.files.push_back(
                compared(p, "torchscript", "torch::jit::load", back.forward({x}).toTensor(), want));
        }
        if (wants(r, "ptl")) {
            const std::string p = (out / "model.ptl").string();
            TorchScriptExporter::saveLite(m, p, extra);
            torch::jit::mobile::Module back = torch::jit::_load_for_mobile(p);
            result.files.push_back(compared(p, "ptl", "torch::jit::_load_for_mobile",
                                            back.forward({x}).toTensor(), want));
        }
    }
    if (!archDef.is_null()) {
        const std::string p = (out / "arch_def.json").string();
        writeJsonFileAtomic(p, archDef);
        result.files.push_back(checkArchDef(p, r.space, r.arch));
    }
    nlohmann::json archJson = arch.toJson();
    archJson["macs"] = count.macs;
    archJson["params"] = count.params;
    writeJsonFileAtomic((out / "arch.json").string(), archJson);
    result.files.push_back({(out / "arch.json").string(), "arch", true, -1.0, "written"});

    nlohmann::json files = nlohmann::json::array();
    for (const ExportedFile& f : result.files)
        files.push_back({{"file", fs::path(f.path).filename().string()},
                         {"format", f.format},
                         {"ok", f.ok},
                         {"check", f.check}});
    card["files"] = files;
    card["notes"] = result.notes;
    const std::string cardPath = (out / "model-card.json").string();
    writeJsonFileAtomic(cardPath, card);
    result.files.push_back({cardPath, "model-card", true, -1.0, "written"});
    return result;
}

} // namespace dnas
