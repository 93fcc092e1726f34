// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <torch/torch.h>

namespace dnas {

// checkpoint.pt in a run folder: model (w and θ), both optimiser states, and a JSON block
// (completed epochs, log offsets, ...). Written to a temporary file and renamed; the previous
// checkpoint is kept as checkpoint.prev.pt and used when the newest cannot be read.
class Checkpoint {
  public:
    static void save(const std::string& runDir, torch::nn::Module& model,
                     torch::optim::Optimizer& wOpt, torch::optim::Optimizer& thetaOpt,
                     const nlohmann::json& meta);
    // Loads the newest readable checkpoint into the given objects and returns its meta block;
    // nullopt when there is none. `warning` says which file was skipped and why.
    static std::optional<nlohmann::json> load(const std::string& runDir, torch::nn::Module& model,
                                              torch::optim::Optimizer& wOpt,
                                              torch::optim::Optimizer& thetaOpt,
                                              std::string* warning = nullptr);
    static std::string path(const std::string& runDir);
    static std::string previousPath(const std::string& runDir);
};

} // namespace dnas
