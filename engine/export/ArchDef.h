// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/space/Architecture.h"
#include "engine/space/SearchSpace.h"

#include <nlohmann/json.hpp>
#include <string>

namespace dnas {

// What an arch_def describes: a one-candidate-per-layer space and the architecture in it.
struct ArchDefModel {
    SearchSpace space;
    Architecture arch;
};

// mobile-vision's arch_def (docs/architecture.md §6): {"input_size", "blocks": [[stage], ...]}
// where a block is [op, c, s, n, kwargs...]. Stem ["conv_k3", c, s, 1] and head ["conv_k1", c, 1,
// 1] are their own stages. Paper ops: kK_eE -> ["ir_kK", c, s, 1, {"expansion": E}], kK_e1_g2 ->
// ["ir_kK_g2", c, s, 1, {"expansion": 1}, {"pwl_groups": 2}], skip -> ["skip", c, s, 1].
// mobile-vision's IRFBlock drops the e=1 expansion conv unless told "always_pw": true, so spaces
// that keep it (always_pw) say so in the block's kwargs. Extensions map to mobile-vision's own
// names where one exists with the same meaning: SE+ReLU "ir_kK_se", h-swish "ir_kK_hs", SE+h-swish
// (hard-sigmoid gate) "ir_kK_sehsig_hs", kernel 7 "ir_k7"; other combinations throw. Extra keys
// mobile-vision ignores: "format", "num_classes", "input_channels", "space".
class ArchDef {
  public:
    // Throws DnasError naming the op when it has no mobile-vision equivalent.
    static nlohmann::json write(const SearchSpace& space, const Architecture& arch);
    // The mobile-vision block name of an op (see above); throws DnasError naming the op.
    static std::string blockName(const OpSpec& op);
    // Ops are named as in FBNet's catalogue when they are one of its nine, otherwise
    // k<K>_e<E>[_g<G>][_se][_hs] as custom ops of the returned space.
    static ArchDefModel read(const nlohmann::json& j, const std::string& file);
};

} // namespace dnas
