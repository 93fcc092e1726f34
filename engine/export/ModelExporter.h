// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/space/Architecture.h"
#include "engine/space/SearchSpace.h"

#include <cstdint>
#include <string>
#include <vector>

namespace dnas {

// What to export. No LibTorch type here: the GUI fills this in directly.
struct ExportRequest {
    SearchSpace space; // the space the weights were trained in
    Architecture arch;
    std::string weights;           // weights.pt from Trainer; empty: untrained (random) weights
    std::string trainJson;         // optional train.json: accuracy, settings, normalisation
    std::vector<std::string> luts; // built-in names or paths, for the model card's costs
    // Any of "onnx", "torchscript" (model.pt), "ptl" (model.ptl), "arch_def".
    std::vector<std::string> formats = {"onnx", "torchscript", "ptl", "arch_def"};
    std::string outDir;
    int checkBatch = 4; // random inputs each check compares on
    uint64_t seed = 0;  // for those inputs (and the random weights when untrained)
};

struct ExportedFile {
    std::string path;
    std::string format;       // onnx | torchscript | ptl | arch_def | model-card | arch
    bool ok = true;           // its check passed (files that need none: true)
    double maxAbsDiff = -1.0; // logits vs the LibTorch ChildNet; -1 where not compared
    std::string check;        // one line: what was reloaded and compared, and the result
};

struct ExportResult {
    std::vector<ExportedFile> files;
    std::vector<std::string> notes; // LUTs skipped, untrained weights, ...
    bool ok() const;
};

// Writes the chosen formats into outDir plus model-card.json (architecture, MACs, params, cost
// on each LUT, accuracy, training settings, normalisation), arch.json and arch_def.json, then
// reloads every model file with its own loader and compares logits with the LibTorch ChildNet.
class ModelExporter {
  public:
    static const std::vector<std::string>& formatNames();
    // Throws DnasError on bad input (unknown format, unreadable weights, an op that a format
    // cannot express); a failed numerical check is reported in the result, not thrown.
    static ExportResult exportModel(const ExportRequest& request);
    // A search run folder: study.json's space and LUT, final/arch.json, final/weights.pt and
    // final/train.json (when `dnas train RUN` has run). Formats and outDir are left to the caller.
    static ExportRequest forRun(const std::string& runDir);
};

} // namespace dnas
