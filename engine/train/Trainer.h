// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/space/Architecture.h"
#include "engine/space/SearchSpace.h"
#include "engine/train/TrainSettings.h"

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

namespace dnas {

class StopPauseToken;

// Trains one architecture (a ChildNet) from scratch on the whole training set and evaluates it
// on the official test set. Writes into outDir: weights.pt (the module's parameters and
// buffers), arch.json (with test accuracy, MACs, params) and train.json (settings, input
// normalisation, per-epoch history). No LibTorch type in this header.
class Trainer {
  public:
    Trainer(SearchSpace space, Architecture arch, nlohmann::json datasetSpec, std::string studyFile,
            TrainSettings settings);
    using Progress = std::function<void(const TrainProgress&)>;
    // Blocks; a stop through `control` ends after the current step and throws nothing: the
    // result then holds the last evaluated accuracy and no files are written.
    TrainResult run(const std::string& outDir, const Progress& progress = {},
                    StopPauseToken* control = nullptr);

  private:
    SearchSpace space_;
    Architecture arch_;
    nlohmann::json dataset_;
    std::string studyFile_;
    TrainSettings settings_;
};

} // namespace dnas
