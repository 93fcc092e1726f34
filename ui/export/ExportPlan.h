// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/space/Architecture.h"
#include "engine/space/SearchSpace.h"
#include "engine/train/TrainSettings.h"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace dnas::ui {

// Everything one "retrain, then export" job needs, as plain values: it is copied to the export
// thread and nothing there refers back to the GUI.
struct ExportPlan {
    std::string runDir;    // the search run the architecture comes from
    std::string studyFile; // its study.json: names the source of dataset errors
    SearchSpace space;
    nlohmann::json dataset;
    Architecture arch;
    TrainSettings train; // epochs 0: no retraining (see weightsWithoutTraining)
    std::vector<std::string> formats = {"onnx", "torchscript", "ptl", "arch_def"};
    std::vector<std::string> luts; // for the costs on the model card
    std::string outDir;

    // The trained weights the run already has for this architecture (`dnas train RUN` writes
    // final/weights.pt), or empty: then an export without retraining has untrained weights.
    std::string weightsWithoutTraining() const;
    std::string trainDir() const; // outDir/retrained: weights.pt, train.json, arch.json

    // The run's study (space, dataset, LUT, retraining settings) and `arch`, a canonical string
    // or an *.arch.json.
    // Throws DnasError naming the file when the folder holds no readable run.
    static ExportPlan forRun(const std::string& runDir, const std::string& arch);
};

} // namespace dnas::ui
