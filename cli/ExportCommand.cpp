// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/ExportCommand.h"
#include "cli/CliOutput.h"
#include "cli/CommandParser.h"
#include "engine/export/ModelExporter.h"
#include "engine/util/DnasError.h"

#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace fs = std::filesystem;

namespace dnas::cli {

namespace {
std::vector<std::string> splitList(const std::string& text) {
    std::vector<std::string> out;
    std::stringstream s(text);
    for (std::string item; std::getline(s, item, ',');)
        if (!item.empty())
            out.push_back(item);
    return out;
}

// CommandParser keeps the last of a repeated option; --lut may be given several times (and each
// may be a comma-separated list), so collect them from the raw arguments.
std::vector<std::string> allLuts(const QStringList& args) {
    std::vector<std::string> luts;
    for (int i = 1; i < args.size(); ++i) {
        std::string v;
        if (args[i] == "--lut" && i + 1 < args.size())
            v = args[++i].toStdString();
        else if (args[i].startsWith("--lut="))
            v = args[i].mid(6).toStdString();
        else
            continue;
        for (auto& l : splitList(v))
            luts.push_back(l);
    }
    return luts;
}
} // namespace

int ExportCommand::run(const QStringList& args) {
    CommandParser p(args.value(0),
                    "Export an architecture with its trained weights: model.onnx (opset 13), "
                    "model.pt (TorchScript), model.ptl (lite interpreter) and arch_def.json "
                    "(mobile-vision), plus arch.json and model-card.json. Each file is reloaded "
                    "and its logits compared with the LibTorch network.");
    p.addPositional("run",
                    "A search run folder (uses final/arch.json, final/weights.pt, "
                    "final/train.json).",
                    true);
    p.addOption("space", "SPACE", "Search space (preset or *.space.json), without a run.");
    p.addOption("arch", "ARCH", "Architecture: canonical string, *.arch.json or fbnet-a/b/c.");
    p.addOption("weights", "FILE", "weights.pt written by `dnas train` (default: untrained).");
    p.addOption("train", "FILE",
                "train.json for accuracy and normalisation (default: beside "
                "the weights).");
    p.addOption("format", "LIST", "Comma-separated: onnx,torchscript,ptl,arch_def (default: all).");
    p.addOption("lut", "LUT", "Add the model's cost on this LUT to the model card (repeatable).");
    p.addOption("out", "DIR", "Output folder (default: RUN/export or export-out).", "o");
    p.addFlag("json", "Print the result as JSON.");
    if (!p.parse(args))
        return kExitOk;

    ExportRequest r;
    const std::string run = p.positional(0);
    if (!run.empty()) {
        if (!fs::exists(fs::path(run) / "study.json"))
            throw DnasError(run, "", "not a run folder (no study.json)");
        r = ModelExporter::forRun(run);
        if (p.isSet("arch"))
            r.arch = Architecture::resolve(p.value("arch"), r.space);
        r.outDir = (fs::path(run) / "export").string();
    } else {
        if (!p.isSet("space") || !p.isSet("arch"))
            throw DnasError("", "--space/--arch", "give a run folder, or --space and --arch");
        r.space = SearchSpace::load(p.value("space"));
        r.arch = Architecture::resolve(p.value("arch"), r.space);
        r.outDir = "export-out";
    }
    if (p.isSet("weights")) {
        r.weights = p.value("weights");
        const fs::path beside = fs::path(r.weights).parent_path() / "train.json";
        if (!p.isSet("train") && fs::exists(beside))
            r.trainJson = beside.string();
    }
    if (p.isSet("train"))
        r.trainJson = p.value("train");
    if (p.isSet("format"))
        r.formats = splitList(p.value("format"));
    for (const auto& l : allLuts(args))
        r.luts.push_back(l);
    if (p.isSet("out"))
        r.outDir = p.value("out");

    const ExportResult res = ModelExporter::exportModel(r);
    if (p.isSet("json")) {
        nlohmann::json files = nlohmann::json::array();
        for (const auto& f : res.files)
            files.push_back({{"path", f.path},
                             {"format", f.format},
                             {"ok", f.ok},
                             {"max_abs_diff", f.maxAbsDiff},
                             {"check", f.check}});
        printJson({{"ok", res.ok()}, {"files", files}, {"notes", res.notes}});
    } else {
        std::cout << r.arch.toString() << "\n";
        for (const auto& f : res.files)
            std::cout << "  " << f.path << "  [" << f.format << "] " << f.check << "\n";
        for (const auto& n : res.notes)
            std::cout << "  note: " << n << "\n";
        std::cout << std::flush;
    }
    return res.ok() ? kExitOk : kExitFailed;
}

} // namespace dnas::cli
