// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/space/OpSpec.h"
#include "engine/util/DnasError.h"
#include "engine/util/InputLimits.h"
#include "engine/util/JsonFile.h"

#include <nlohmann/json.hpp>

namespace dnas {

bool OpSpec::operator==(const OpSpec& o) const {
    return name == o.name && type == o.type && kernel == o.kernel && expansion == o.expansion &&
           groups == o.groups && se == o.se && act == o.act;
}

nlohmann::json OpSpec::toJson() const {
    if (isSkip())
        return {{"type", "skip"}};
    return {{"type", "ir"},     {"kernel", kernel}, {"expansion", expansion},
            {"groups", groups}, {"se", se},         {"act", act}};
}

OpSpec OpSpec::fromJson(const std::string& name, const nlohmann::json& j, const std::string& file,
                        const std::string& field) {
    JsonReader r(j, file, field);
    OpSpec op;
    op.name = name;
    const std::string type = r.getString("type", "ir");
    if (type == "skip") {
        op.type = Type::Skip;
        return op;
    }
    if (type != "ir")
        r.fail("type", "unknown op type \"" + type + "\" (expected ir or skip)");
    op.kernel = r.getInt("kernel", 3);
    op.expansion = r.getInt("expansion", 1);
    op.groups = r.getInt("groups", 1);
    op.se = r.getBool("se", false);
    op.act = r.getString("act", "relu");
    const auto range = [](int hi) { return " in 1.." + std::to_string(hi) + ", got "; };
    if (op.kernel < 1 || op.kernel > kMaxKernel || op.kernel % 2 == 0)
        r.fail("kernel", "must be odd and" + range(kMaxKernel) + std::to_string(op.kernel));
    if (op.expansion < 1 || op.expansion > kMaxExpansion)
        r.fail("expansion", "must be" + range(kMaxExpansion) + std::to_string(op.expansion));
    if (op.groups < 1 || op.groups > kMaxGroups)
        r.fail("groups", "must be" + range(kMaxGroups) + std::to_string(op.groups));
    if (op.act != "relu" && op.act != "hswish")
        r.fail("act", "must be relu or hswish, got \"" + op.act + "\"");
    return op;
}

const std::vector<OpSpec>& builtinOps() {
    static const std::vector<OpSpec> ops = [] {
        std::vector<OpSpec> v;
        auto ir = [&](const char* name, int k, int e, int g) {
            OpSpec op;
            op.name = name;
            op.kernel = k;
            op.expansion = e;
            op.groups = g;
            v.push_back(op);
        };
        ir("k3_e1", 3, 1, 1);
        ir("k3_e1_g2", 3, 1, 2);
        ir("k3_e3", 3, 3, 1);
        ir("k3_e6", 3, 6, 1);
        ir("k5_e1", 5, 1, 1);
        ir("k5_e1_g2", 5, 1, 2);
        ir("k5_e3", 5, 3, 1);
        ir("k5_e6", 5, 6, 1);
        OpSpec skip;
        skip.name = "skip";
        skip.type = OpSpec::Type::Skip;
        v.push_back(skip);
        return v;
    }();
    return ops;
}

const std::vector<std::string>& fbnetOpNames() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> v;
        for (const auto& op : builtinOps())
            v.push_back(op.name);
        return v;
    }();
    return names;
}

const OpSpec* findBuiltinOp(const std::string& name) {
    for (const auto& op : builtinOps())
        if (op.name == name)
            return &op;
    return nullptr;
}

} // namespace dnas
