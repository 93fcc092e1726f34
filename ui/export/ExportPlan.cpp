// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/export/ExportPlan.h"

#include "engine/search/Study.h"
#include "engine/util/DnasError.h"
#include "engine/util/JsonFile.h"

#include <filesystem>

namespace fs = std::filesystem;

namespace dnas::ui {

std::string ExportPlan::weightsWithoutTraining() const {
    const fs::path final = fs::path(runDir) / "final";
    if (runDir.empty() || !fs::exists(final / "weights.pt") || !fs::exists(final / "arch.json"))
        return {};
    const std::string archFile = (final / "arch.json").string();
    const Architecture trained = Architecture::fromJson(readJsonFile(archFile), archFile);
    return trained == arch ? (final / "weights.pt").string() : std::string();
}

std::string ExportPlan::trainDir() const {
    return (fs::path(outDir) / "retrained").string();
}

ExportPlan ExportPlan::forRun(const std::string& runDir, const std::string& arch) {
    ExportPlan p;
    p.runDir = runDir;
    p.studyFile = (fs::path(runDir) / "study.json").string();
    if (!fs::exists(p.studyFile))
        throw DnasError(runDir, "", "not a run folder (no study.json)");
    const Study study = Study::fromJson(readJsonFile(p.studyFile), p.studyFile);
    p.space = study.space;
    p.dataset = study.dataset;
    p.train = study.train; // the study's retraining recipe; the dialog sets epochs and images
    if (arch.empty())
        throw DnasError(runDir, "architecture", "no architecture chosen");
    p.arch = Architecture::resolve(arch, p.space);
    p.arch.checkAgainst(p.space, "architecture");
    if (study.cost.usesLut() && !study.cost.lut.empty() && study.cost.lut != "auto")
        p.luts.push_back(study.cost.lut);
    p.outDir = (fs::path(runDir) / "export").string();
    return p;
}

} // namespace dnas::ui
