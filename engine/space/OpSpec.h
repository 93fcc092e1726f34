// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace dnas {

// A candidate block. FBNet's nine are built in; a space may define more IR blocks by name.
struct OpSpec {
    enum class Type { InvertedResidual, Skip };
    std::string name;
    Type type = Type::InvertedResidual;
    int kernel = 3;
    int expansion = 1;
    int groups = 1;
    bool se = false;          // squeeze-and-excite after the depthwise conv
    std::string act = "relu"; // "relu" or "hswish"

    bool isSkip() const { return type == Type::Skip; }
    bool operator==(const OpSpec& o) const;
    nlohmann::json toJson() const;
    // Throws DnasError naming file and field on a bad definition.
    static OpSpec fromJson(const std::string& name, const nlohmann::json& j,
                           const std::string& file, const std::string& field);
};

// FBNet's block catalogue in HW-NAS-Bench order: k3_e1, k3_e1_g2, k3_e3, k3_e6, k5_e1,
// k5_e1_g2, k5_e3, k5_e6, skip.
const std::vector<OpSpec>& builtinOps();
const std::vector<std::string>& fbnetOpNames();
const OpSpec* findBuiltinOp(const std::string& name);

} // namespace dnas
