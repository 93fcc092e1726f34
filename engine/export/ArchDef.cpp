// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/export/ArchDef.h"
#include "engine/util/DnasError.h"
#include "engine/util/InputLimits.h"
#include "engine/util/JsonFile.h"

#include <climits>
#include <set>

namespace dnas {

namespace {
const std::string kFormat = "dnas-arch-def/1";

// mobile-vision (mobile_cv.arch.fbnet_v2.blocks_factory) names the IRF variants by suffix; only
// the combinations registered there are written, so a reader never meets an unknown name.
const std::set<std::string>& knownIrNames() {
    static const std::set<std::string> names = {
        "ir_k1",    "ir_k3",           "ir_k5",          "ir_k7",    "ir_k3_g2",
        "ir_k5_g2", "ir_k3_hs",        "ir_k5_hs",       "ir_k7_hs", "ir_k3_se",
        "ir_k5_se", "ir_k3_sehsig_hs", "ir_k5_sehsig_hs"};
    return names;
}

nlohmann::json convBlock(const std::string& name, int c, int s) {
    return nlohmann::json::array({name, c, s, 1});
}

std::string canonicalName(const OpSpec& op) {
    for (const OpSpec& b : builtinOps()) {
        OpSpec probe = op;
        probe.name = b.name;
        if (probe == b)
            return b.name;
    }
    std::string n = "k" + std::to_string(op.kernel) + "_e" + std::to_string(op.expansion);
    if (op.groups > 1)
        n += "_g" + std::to_string(op.groups);
    if (op.se)
        n += "_se";
    if (op.act == "hswish")
        n += "_hs";
    return n;
}

int parseInt(const JsonReader& r, size_t i, const std::string& what) {
    const nlohmann::json& v = r.json().at(i);
    if (!v.is_number_integer())
        r.fail(std::to_string(i), what + " must be an integer");
    // Range first: get<int>() would silently wrap 2^32 + 16 to 16.
    if (v.is_number_unsigned() ? v.get<unsigned long long>() > INT_MAX
                               : v.get<long long>() < -INT_MAX)
        r.fail(std::to_string(i), what + " out of range");
    return v.get<int>();
}
} // namespace

std::string ArchDef::blockName(const OpSpec& op) {
    if (op.isSkip())
        return "skip";
    std::string n = "ir_k" + std::to_string(op.kernel);
    if (op.groups > 1)
        n += "_g" + std::to_string(op.groups);
    if (op.se)
        n += op.act == "hswish" ? "_sehsig" : "_se";
    if (op.act == "hswish")
        n += "_hs";
    if (!knownIrNames().count(n))
        throw DnasError("", "op \"" + op.name + "\"",
                        "mobile-vision's arch_def has no block \"" + n + "\" (kernel " +
                            std::to_string(op.kernel) + ", groups " + std::to_string(op.groups) +
                            (op.se ? ", SE" : "") + ", " + op.act +
                            "); export this model as ONNX or TorchScript instead");
    return n;
}

nlohmann::json ArchDef::write(const SearchSpace& spaceIn, const Architecture& arch) {
    const SearchSpace space = arch.applyTo(spaceIn);
    arch.checkAgainst(space, "architecture " + arch.toString());
    const std::vector<LayerShape> shapes = space.layerShapes();
    nlohmann::json stages = nlohmann::json::array();
    // json::array(...): a braced {block} is a one-element array for GCC but a copy for clang.
    stages.push_back(
        nlohmann::json::array({convBlock("conv_k3", space.stem_c_out, space.stem_stride)}));
    int stage = -1;
    for (size_t l = 0; l < shapes.size(); ++l) {
        const OpSpec& op = space.op(arch.ops[l]);
        const LayerSpec& layer = space.layers[l];
        if (l == 0 || layer.stage != stage)
            stages.push_back(nlohmann::json::array());
        stage = layer.stage;
        nlohmann::json b = convBlock(blockName(op), layer.c_out, layer.stride);
        if (!op.isSkip()) {
            nlohmann::json kw = {{"expansion", op.expansion}};
            // Only e=1 blocks differ between the two conventions; keep the arch_def honest.
            if (op.expansion == 1 && space.always_pw)
                kw["always_pw"] = true;
            b.push_back(kw);
            if (op.groups > 1)
                b.push_back({{"pwl_groups", op.groups}});
        }
        stages.back().push_back(b);
    }
    stages.push_back(nlohmann::json::array({convBlock("conv_k1", space.head_c_out, 1)}));
    return {{"format", kFormat},
            {"space", space.name},
            {"input_size", space.input_size},
            {"input_channels", space.input_channels},
            {"num_classes", space.num_classes},
            {"blocks", stages}};
}

ArchDefModel ArchDef::read(const nlohmann::json& j, const std::string& file) {
    JsonReader root(j, file);
    if (root.has("format"))
        checkFormat(j, "dnas-arch-def", file);
    ArchDefModel m;
    SearchSpace& sp = m.space;
    sp.name = root.getString("space", "arch_def");
    sp.input_size = root.getInt("input_size");
    sp.input_channels = root.getInt("input_channels", 3);
    sp.num_classes = root.getInt("num_classes", 1000);
    sp.always_pw = false;
    const JsonReader stages = root.at("blocks");
    std::vector<std::pair<JsonReader, int>> flat;
    for (size_t s = 0; s < stages.size(); ++s)
        for (size_t b = 0; b < stages.at(s).size(); ++b)
            flat.emplace_back(stages.at(s).at(b), int(s));
    if (flat.size() < 2)
        root.fail("blocks", "needs at least the conv_k3 stem and conv_k1 head");
    bool sawAlwaysPw = false, sawDropPw = false;
    for (size_t i = 0; i < flat.size(); ++i) {
        const JsonReader& r = flat[i].first;
        if (!r.json().is_array() || r.size() < 4)
            r.fail("", "a block is [op, c, s, n, kwargs...]");
        const std::string name = r.at(size_t{0}).asString();
        const int c = parseInt(r, 1, "channels"), s = parseInt(r, 2, "stride");
        const int n = parseInt(r, 3, "repeats");
        if (i == 0 || i + 1 == flat.size()) {
            const std::string want = i == 0 ? "conv_k3" : "conv_k1";
            if (name != want)
                r.fail("0", "expected " + want + ", got " + name);
            if (i == 0)
                sp.stem_c_out = c, sp.stem_stride = s;
            else
                sp.head_c_out = c;
            continue;
        }
        OpSpec op;
        if (name == "skip") {
            op.type = OpSpec::Type::Skip;
            op.name = "skip";
        } else {
            if (name.rfind("ir_k", 0) != 0 || !knownIrNames().count(name))
                r.fail("0", "unsupported mobile-vision block \"" + name + "\"");
            op.kernel = std::stoi(name.substr(4));
            op.se = name.find("_se") != std::string::npos;
            op.act = name.find("_hs") != std::string::npos ? "hswish" : "relu";
            for (size_t k = 4; k < r.size(); ++k) {
                const JsonReader kw = r.at(k);
                op.expansion = kw.getInt("expansion", op.expansion);
                op.groups = kw.getInt("pwl_groups", op.groups);
                if (kw.has("always_pw") && op.expansion == 1)
                    (kw.getBool("always_pw", false) ? sawAlwaysPw : sawDropPw) = true;
                else if (op.expansion == 1 && kw.has("expansion"))
                    sawDropPw = true;
            }
            if (name.find("_g") != std::string::npos && op.groups == 1)
                op.groups = 2;
            // Checked here: the canonical name below would quietly turn groups 0 into k3_e1.
            if (op.expansion < 1 || op.expansion > kMaxExpansion)
                r.fail("expansion", "must be in 1.." + std::to_string(kMaxExpansion) + ", got " +
                                        std::to_string(op.expansion));
            if (op.groups < 1 || op.groups > kMaxGroups)
                r.fail("pwl_groups", "must be in 1.." + std::to_string(kMaxGroups) + ", got " +
                                         std::to_string(op.groups));
            op.name = canonicalName(op);
            if (!findBuiltinOp(op.name))
                sp.custom_ops[op.name] = op;
        }
        // Checked before the repeats are expanded, so a huge n cannot exhaust memory.
        if (n < 1 || n > kMaxLayers - static_cast<int>(sp.layers.size()))
            r.fail("3", "repeats " + std::to_string(n) + " must be >= 1 and keep the net within " +
                            std::to_string(kMaxLayers) + " searchable layers");
        for (int rep = 0; rep < n; ++rep) {
            // mobile-vision repeats a block n times; only the first keeps the stride.
            sp.layers.push_back(LayerSpec{c, rep == 0 ? s : 1, {op.name}, flat[i].second - 1});
            m.arch.ops.push_back(op.name);
        }
    }
    if (sawAlwaysPw && sawDropPw)
        root.fail("blocks", "mixes e=1 blocks with and without always_pw; a space has one setting");
    sp.always_pw = sawAlwaysPw;
    m.arch.space = sp.name;
    sp.check(file);
    return m;
}

} // namespace dnas
