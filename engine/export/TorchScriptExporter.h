// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/export/FoldedNet.h"

#include <torch/script.h>

#include <map>
#include <string>

namespace dnas {

// Builds a TorchScript module in C++ (no Python, no tracing): the folded weights become named
// parameters ("stem_weight", "b3_pw_bias", ...), and forward() is TorchScript source generated
// from the architecture and compiled with Module::define. Saved as model.pt (torch.jit.load in
// Python, torch::jit::load in C++) and as model.ptl for the lite interpreter
// (_save_for_mobile / _load_for_mobile).
class TorchScriptExporter {
  public:
    // The forward() source, for the module and for reading.
    static std::string source(const FoldedNet& net);
    static torch::jit::Module build(const FoldedNet& net);

    // extraFiles are stored inside the archive (e.g. "dnas-model.json"). Throws DnasError.
    static void saveScript(const torch::jit::Module& m, const std::string& path,
                           const std::map<std::string, std::string>& extraFiles);
    static void saveLite(const torch::jit::Module& m, const std::string& path,
                         const std::map<std::string, std::string>& extraFiles);
};

} // namespace dnas
