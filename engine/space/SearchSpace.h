// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/space/LayerSpec.h"
#include "engine/space/OpSpec.h"

#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace dnas {

// One problem found by validation; layer -1 means the space as a whole.
struct ValidationIssue {
    int layer = -1;
    std::string field;
    std::string message;
    std::string toString() const;
};

// Limits that keep a hand-edited or fuzzed space from asking for absurd memory.
constexpr int kMaxChannels = 8192;  // widest layer FBNet-family nets use is < 2048
constexpr int kMaxInputSize = 1024; // pixels per side
constexpr int kMaxLayers = 128;     // searchable layers
constexpr int kMaxCandidates = 64;  // ops per layer

// The search space: stem, searchable layers with candidate ops, head (docs/architecture.md §3, §6).
class SearchSpace {
  public:
    std::string name = "unnamed";
    int input_channels = 3;
    int input_size = 32;
    int num_classes = 10;
    int stem_c_out = 16;
    int stem_stride = 1;
    int head_c_out = 1504;
    bool always_pw = true; // e=1 blocks keep the 1x1 expansion conv (paper, Caffe2 models)
    std::vector<LayerSpec> layers;
    std::map<std::string, OpSpec> custom_ops;

    bool operator==(const SearchSpace& o) const;

    // Built-in ops first, then the space's own; throws DnasError on an unknown name.
    const OpSpec& op(const std::string& name) const;
    bool hasOp(const std::string& name) const;
    // Every op name a candidate list may use: the nine built-ins, then custom ops.
    std::vector<std::string> opNames() const;

    // Shapes each layer sees (valid only for a space that validates).
    std::vector<LayerShape> layerShapes() const;
    int stemOutSize() const;
    int finalSize() const;
    int lastChannels() const;
    double numArchitectures() const;

    std::vector<ValidationIssue> validate() const;
    // Throws DnasError(file, "layers[i].field", reason) for the first issue.
    void check(const std::string& file) const;

    // Channels times width (rounded to multiples of 8, as mobile-vision does) at another input
    // size.
    SearchSpace scaled(int inputSize, double widthMultiplier) const;

    nlohmann::json toJson() const;
    // requireValid=false lets an editor open a space that does not validate, to flag it in place.
    static SearchSpace fromJson(const nlohmann::json& j, const std::string& file,
                                bool requireValid = true);
    // nameOrPath: a preset name (resources/spaces/<name>.space.json) or a file path.
    static SearchSpace load(const std::string& nameOrPath);
    void save(const std::string& path) const;
    static std::vector<std::string> presetNames();
};

int makeDivisible(double value, int divisor = 8);

} // namespace dnas
