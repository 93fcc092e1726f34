// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/space/SearchSpace.h"
#include "engine/util/DnasError.h"
#include "engine/util/InputLimits.h"
#include "engine/util/JsonFile.h"
#include "engine/util/Resources.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace dnas {

std::string ValidationIssue::toString() const {
    std::string where = layer >= 0 ? "layers[" + std::to_string(layer) + "]" : std::string();
    if (!field.empty())
        where += (where.empty() ? "" : ".") + field;
    return where.empty() ? message : where + ": " + message;
}

bool SearchSpace::operator==(const SearchSpace& o) const {
    return name == o.name && input_channels == o.input_channels && input_size == o.input_size &&
           num_classes == o.num_classes && stem_c_out == o.stem_c_out &&
           stem_stride == o.stem_stride && head_c_out == o.head_c_out && always_pw == o.always_pw &&
           layers == o.layers && custom_ops == o.custom_ops;
}

bool SearchSpace::hasOp(const std::string& opName) const {
    return findBuiltinOp(opName) || custom_ops.count(opName);
}

const OpSpec& SearchSpace::op(const std::string& opName) const {
    if (const OpSpec* b = findBuiltinOp(opName))
        return *b;
    auto it = custom_ops.find(opName);
    if (it == custom_ops.end())
        throw DnasError("", "", "unknown op \"" + opName + "\"");
    return it->second;
}

std::vector<std::string> SearchSpace::opNames() const {
    std::vector<std::string> names = fbnetOpNames();
    for (const auto& [n, spec] : custom_ops)
        if (!findBuiltinOp(n))
            names.push_back(n);
    return names;
}

// Rounds up without computing size + stride - 1, which overflows for an unchecked INT_MAX.
static int downsample(int size, int stride) {
    return size / stride + (size % stride > 0);
}

int SearchSpace::stemOutSize() const {
    return downsample(input_size, std::max(1, stem_stride));
}

std::vector<LayerShape> SearchSpace::layerShapes() const {
    std::vector<LayerShape> shapes;
    int c = stem_c_out;
    int size = stemOutSize();
    for (const auto& l : layers) {
        LayerShape s{c, l.c_out, size, size, std::max(1, l.stride)};
        shapes.push_back(s);
        c = l.c_out;
        size = downsample(size, s.stride);
    }
    return shapes;
}

int SearchSpace::finalSize() const {
    const auto shapes = layerShapes();
    return shapes.empty() ? stemOutSize() : downsample(shapes.back().h, shapes.back().stride);
}

int SearchSpace::lastChannels() const {
    return layers.empty() ? stem_c_out : layers.back().c_out;
}

double SearchSpace::numArchitectures() const {
    double n = 1.0;
    for (const auto& l : layers)
        n *= static_cast<double>(l.candidates.size());
    return n;
}

// Weights of one candidate block (1x1 expansion, depthwise, SE, 1x1 projection), for the
// supernet size check; BN and biases are noise at this scale.
static double blockParams(const OpSpec& op, double cIn, double cOut, bool alwaysPw) {
    if (op.isSkip())
        return cIn * cOut; // at most a 1x1 projection
    const double mid = cIn * op.expansion;
    double p = mid * op.kernel * op.kernel + mid * cOut / op.groups;
    if (op.expansion != 1 || alwaysPw)
        p += cIn * mid / op.groups;
    if (op.se)
        p += mid * mid / 2; // squeeze to mid/4 and back
    return p;
}

static void checkRange(std::vector<ValidationIssue>& out, int layer, const std::string& field,
                       int value, int lo, int hi) {
    if (value < lo || value > hi)
        out.push_back({layer, field,
                       "must be in " + std::to_string(lo) + ".." + std::to_string(hi) + ", got " +
                           std::to_string(value)});
}

std::vector<ValidationIssue> SearchSpace::validate() const {
    std::vector<ValidationIssue> out;
    checkRange(out, -1, "input.channels", input_channels, 1, 64);
    checkRange(out, -1, "input.size", input_size, 1, kMaxInputSize);
    checkRange(out, -1, "num_classes", num_classes, 1, 100000);
    checkRange(out, -1, "stem.c_out", stem_c_out, 1, kMaxChannels);
    checkRange(out, -1, "stem.stride", stem_stride, 1, 4);
    checkRange(out, -1, "head.c_out", head_c_out, 1, kMaxChannels);
    if (layers.empty())
        out.push_back({-1, "layers", "a space needs at least one layer"});
    if (static_cast<int>(layers.size()) > kMaxLayers)
        out.push_back({-1, "layers", "more than " + std::to_string(kMaxLayers) + " layers"});
    for (const auto& [n, spec] : custom_ops) {
        if (findBuiltinOp(n))
            out.push_back({-1, "ops." + n, "redefines a built-in op"});
        // Spaces made in code or read from an arch_def skip OpSpec::fromJson's checks; the
        // channel arithmetic below must never see a zero group count or a huge expansion.
        if (spec.isSkip())
            continue;
        checkRange(out, -1, "ops." + n + ".kernel", spec.kernel, 1, kMaxKernel);
        checkRange(out, -1, "ops." + n + ".expansion", spec.expansion, 1, kMaxExpansion);
        checkRange(out, -1, "ops." + n + ".groups", spec.groups, 1, kMaxGroups);
    }
    if (!out.empty())
        return out;
    if (input_size < stem_stride)
        out.push_back({-1, "stem.stride",
                       "shrinks the " + std::to_string(input_size) + " px input below 1 px"});

    int c_in = stem_c_out;
    int size = stemOutSize();
    int prevStage = 0;
    // Every candidate of every layer is held at once in the supernet: refuse a space whose
    // weights alone would exhaust memory, naming the layer where the total crosses the limit.
    double params = 9.0 * input_channels * stem_c_out +
                    double(head_c_out) * (lastChannels() + num_classes + 1); // stem, head, fc
    bool tooBig = false;
    for (size_t i = 0; i < layers.size(); ++i) {
        const auto& l = layers[i];
        const int li = static_cast<int>(i);
        const size_t before = out.size();
        checkRange(out, li, "c_out", l.c_out, 1, kMaxChannels);
        checkRange(out, li, "stride", l.stride, 1, 4);
        if (l.stage < prevStage)
            out.push_back({li, "stage", "stages must not decrease along the layers"});
        prevStage = l.stage;
        if (out.size() != before) {
            c_in = std::max(1, l.c_out);
            continue;
        }
        if (size < l.stride)
            out.push_back({li, "stride",
                           "stride " + std::to_string(l.stride) + " shrinks the " +
                               std::to_string(size) + " px map below 1 px"});
        if (l.candidates.empty())
            out.push_back({li, "candidates", "the candidate list is empty"});
        if (static_cast<int>(l.candidates.size()) > kMaxCandidates)
            out.push_back({li, "candidates", "more than " + std::to_string(kMaxCandidates)});
        for (size_t k = 0; k < l.candidates.size(); ++k) {
            const std::string& name = l.candidates[k];
            const std::string field = "candidates[" + std::to_string(k) + "]";
            if (std::count(l.candidates.begin(), l.candidates.end(), name) > 1 &&
                std::find(l.candidates.begin(), l.candidates.end(), name) !=
                    l.candidates.begin() + static_cast<long>(k))
                out.push_back({li, field, "\"" + name + "\" is listed twice"});
            if (!hasOp(name)) {
                out.push_back({li, field, "unknown op \"" + name + "\""});
                continue;
            }
            const OpSpec& spec = op(name);
            params += blockParams(spec, c_in, l.c_out, always_pw);
            if (spec.isSkip())
                continue; // identity, or a 1x1 projection when shapes differ
            const int mid = c_in * spec.expansion;
            if (c_in % spec.groups != 0 || l.c_out % spec.groups != 0 || mid % spec.groups != 0)
                out.push_back({li, field,
                               "\"" + name + "\" uses " + std::to_string(spec.groups) +
                                   " groups, but channels " + std::to_string(c_in) + " -> " +
                                   std::to_string(l.c_out) + " do not divide by it"});
        }
        if (params > kMaxSupernetParams && !tooBig) {
            tooBig = true;
            out.push_back({li, "c_out",
                           "the supernet would hold over " +
                               std::to_string(static_cast<long long>(params / 1e6)) +
                               " M weights up to this layer, more than the " +
                               std::to_string(static_cast<long long>(kMaxSupernetParams / 1e6)) +
                               " M limit (channels, expansions or candidates too large)"});
        }
        c_in = l.c_out;
        size = downsample(size, l.stride);
    }
    return out;
}

void SearchSpace::check(const std::string& file) const {
    const auto issues = validate();
    if (issues.empty())
        return;
    const auto& first = issues.front();
    std::string field = first.layer >= 0 ? "layers[" + std::to_string(first.layer) + "]" : "";
    if (!first.field.empty())
        field += (field.empty() ? "" : ".") + first.field;
    std::string more;
    if (issues.size() > 1)
        more = " (and " + std::to_string(issues.size() - 1) + " more)";
    throw DnasError(file, field, first.message + more);
}

int makeDivisible(double value, int divisor) {
    int v = std::max(divisor, static_cast<int>(value + divisor / 2.0) / divisor * divisor);
    if (v < 0.9 * value)
        v += divisor; // never round down by more than 10%
    return v;
}

SearchSpace SearchSpace::scaled(int inputSize, double widthMultiplier) const {
    SearchSpace s = *this;
    s.input_size = inputSize;
    s.stem_c_out = makeDivisible(stem_c_out * widthMultiplier);
    for (auto& l : s.layers)
        l.c_out = makeDivisible(l.c_out * widthMultiplier);
    if (widthMultiplier > 1.0)
        s.head_c_out = makeDivisible(head_c_out * widthMultiplier);
    return s;
}

nlohmann::json SearchSpace::toJson() const {
    nlohmann::json layersJson = nlohmann::json::array();
    for (const auto& l : layers)
        layersJson.push_back({{"c_out", l.c_out},
                              {"stride", l.stride},
                              {"candidates", l.candidates},
                              {"stage", l.stage}});
    nlohmann::json ops = nlohmann::json::object();
    for (const auto& [n, spec] : custom_ops)
        ops[n] = spec.toJson();
    return {{"format", "dnas-space/1"},
            {"name", name},
            {"input", {{"channels", input_channels}, {"size", input_size}}},
            {"num_classes", num_classes},
            {"stem", {{"c_out", stem_c_out}, {"stride", stem_stride}}},
            {"layers", layersJson},
            {"head", {{"c_out", head_c_out}}},
            {"ops", ops},
            {"options", {{"always_pw", always_pw}}}};
}

SearchSpace SearchSpace::fromJson(const nlohmann::json& j, const std::string& file,
                                  bool requireValid) {
    checkFormat(j, "dnas-space", file);
    JsonReader r(j, file);
    SearchSpace s;
    s.name = r.getString("name", "unnamed");
    s.input_channels = r.at("input").getInt("channels");
    s.input_size = r.at("input").getInt("size");
    s.num_classes = r.getInt("num_classes");
    s.stem_c_out = r.at("stem").getInt("c_out");
    s.stem_stride = r.at("stem").getInt("stride", 1);
    s.head_c_out = r.at("head").getInt("c_out");
    if (r.has("options"))
        s.always_pw = r.at("options").getBool("always_pw", true);
    if (r.has("ops")) {
        const auto ops = r.at("ops");
        if (!ops.json().is_object())
            r.fail("ops", "expected an object of op definitions");
        for (const auto& [n, def] : ops.json().items())
            s.custom_ops[n] = OpSpec::fromJson(n, def, file, "ops." + n);
    }
    const auto layers = r.at("layers");
    const size_t n = layers.size();
    if (n > static_cast<size_t>(kMaxLayers))
        r.fail("layers", "more than 128 layers");
    int prevC = s.stem_c_out;
    for (size_t i = 0; i < n; ++i) {
        const auto lr = layers.at(i);
        LayerSpec l;
        l.c_out = lr.getInt("c_out");
        l.stride = lr.getInt("stride", 1);
        l.stage = lr.getInt("stage", 0);
        if (lr.has("c_in") && lr.getInt("c_in") != prevC)
            lr.fail("c_in", "is " + std::to_string(lr.getInt("c_in")) +
                                " but the previous layer outputs " + std::to_string(prevC) +
                                " channels (channels don't chain)");
        const auto cands = lr.at("candidates");
        if (cands.size() > static_cast<size_t>(kMaxCandidates))
            lr.fail("candidates", "more than " + std::to_string(kMaxCandidates) + " candidates");
        for (size_t k = 0; k < cands.size(); ++k)
            l.candidates.push_back(cands.at(k).asString());
        prevC = l.c_out;
        s.layers.push_back(std::move(l));
    }
    if (requireValid)
        s.check(file);
    return s;
}

SearchSpace SearchSpace::load(const std::string& nameOrPath) {
    const std::string path = resolveResource(nameOrPath, "spaces", ".space.json");
    return fromJson(readJsonFile(path), path);
}

void SearchSpace::save(const std::string& path) const {
    writeJsonFileAtomic(path, toJson());
}

std::vector<std::string> SearchSpace::presetNames() {
    return listResources("spaces", ".space.json");
}

} // namespace dnas
