// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/space/Architecture.h"
#include "engine/space/SearchSpace.h"
#include "engine/util/DnasError.h"
#include "engine/util/InputLimits.h"
#include "engine/util/JsonFile.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

namespace dnas {

std::string Architecture::toString() const {
    std::string s;
    for (size_t i = 0; i < ops.size(); ++i)
        s += (i ? "-" : "") + ops[i];
    return s;
}

void Architecture::checkAgainst(const SearchSpace& sp, const std::string& source) const {
    if (ops.size() != sp.layers.size())
        throw DnasError(source, "ops",
                        "has " + std::to_string(ops.size()) + " ops but space \"" + sp.name +
                            "\" has " + std::to_string(sp.layers.size()) + " layers");
    for (size_t i = 0; i < ops.size(); ++i)
        if (!sp.hasOp(ops[i]))
            throw DnasError(source, "ops[" + std::to_string(i) + "]",
                            "unknown op \"" + ops[i] + "\"");
    if (head_c_out && (*head_c_out < 1 || *head_c_out > kMaxChannels))
        throw DnasError(source, "head_c_out", "out of range");
}

std::vector<int64_t> Architecture::choiceIn(const SearchSpace& sp,
                                            const std::string& source) const {
    checkAgainst(sp, source);
    std::vector<int64_t> choice;
    for (size_t i = 0; i < ops.size(); ++i) {
        const auto& c = sp.layers[i].candidates;
        const auto it = std::find(c.begin(), c.end(), ops[i]);
        if (it == c.end())
            throw DnasError(source, "ops[" + std::to_string(i) + "]",
                            "\"" + ops[i] + "\" is not a candidate of layer " + std::to_string(i));
        choice.push_back(static_cast<int64_t>(it - c.begin()));
    }
    return choice;
}

SearchSpace Architecture::applyTo(const SearchSpace& sp) const {
    SearchSpace s = sp;
    if (head_c_out)
        s.head_c_out = *head_c_out;
    return s;
}

nlohmann::json Architecture::toJson() const {
    nlohmann::json j = {
        {"format", "dnas-arch/1"}, {"space", space}, {"ops", ops}, {"arch", toString()}};
    if (head_c_out)
        j["head_c_out"] = *head_c_out;
    if (accuracy)
        j["accuracy"] = *accuracy;
    if (latency_ms)
        j["latency_ms"] = *latency_ms;
    return j;
}

Architecture Architecture::fromJson(const nlohmann::json& j, const std::string& file) {
    checkFormat(j, "dnas-arch", file);
    JsonReader r(j, file);
    Architecture a;
    a.space = r.getString("space", "");
    const auto ops = r.at("ops");
    if (ops.size() > static_cast<size_t>(kMaxLayers))
        r.fail("ops", "has " + std::to_string(ops.size()) + " ops; a space has at most " +
                          std::to_string(kMaxLayers) + " layers");
    for (size_t i = 0; i < ops.size(); ++i)
        a.ops.push_back(ops.at(i).asString());
    if (r.has("head_c_out"))
        a.head_c_out = r.getInt("head_c_out");
    if (r.has("accuracy"))
        a.accuracy = r.getDouble("accuracy");
    if (r.has("latency_ms"))
        a.latency_ms = r.getDouble("latency_ms");
    return a;
}

Architecture Architecture::parseString(const std::string& text) {
    if (text.size() > kMaxArchStringBytes)
        throw DnasError("", "arch",
                        "architecture string of " + std::to_string(text.size()) +
                            " bytes; at most " + std::to_string(kMaxArchStringBytes) + " allowed");
    Architecture a;
    std::string token;
    std::stringstream in(text);
    while (std::getline(in, token, '-')) {
        // Accept "k3_e1 k3_e6" and "k3_e1,k3_e6" too: users paste from papers and spreadsheets.
        std::string cur;
        for (char c : token + " ") {
            if (c == ' ' || c == ',' || c == '\t' || c == '\n') {
                if (!cur.empty())
                    a.ops.push_back(cur);
                cur.clear();
                if (a.ops.size() > static_cast<size_t>(kMaxLayers))
                    throw DnasError("", "arch",
                                    "more than " + std::to_string(kMaxLayers) +
                                        " ops; a space has at most that many layers");
            } else {
                cur += c;
            }
        }
    }
    if (a.ops.empty())
        throw DnasError("", "arch", "empty architecture string");
    return a;
}

namespace {
struct Reference {
    const char* ops;
    int head;
};
const std::map<std::string, Reference>& references() {
    static const std::map<std::string, Reference> refs = {
        {"fbnet-a",
         {"skip k3_e3 k3_e1 skip skip k5_e6 k3_e3 k5_e1 k3_e3 k5_e6 k5_e3 k5_e1_g2 "
          "k5_e6 k3_e6 k5_e1_g2 k5_e3 k3_e1_g2 k5_e6 k5_e6 k5_e3 k5_e6 k5_e6",
          1504}},
        {"fbnet-b",
         {"k3_e1 k3_e6 k5_e1 k3_e1 k3_e1 k5_e6 k5_e3 k3_e6 k5_e6 k5_e6 k5_e6 skip "
          "k5_e3 k5_e6 k3_e1 k5_e1 k5_e3 k5_e6 k5_e1 k5_e6 k5_e6 k3_e6",
          1984}},
        {"fbnet-c",
         {"k3_e1 k3_e6 skip k3_e1 k3_e1 k5_e6 k5_e3 k5_e6 k3_e6 k5_e6 k5_e3 k5_e6 "
          "k5_e6 k5_e6 k5_e6 k5_e6 k5_e3 k5_e6 k5_e6 k5_e6 k5_e6 k3_e6",
          1984}},
    };
    return refs;
}
} // namespace

std::optional<Architecture> Architecture::reference(const std::string& name) {
    auto it = references().find(name);
    if (it == references().end())
        return std::nullopt;
    Architecture a = parseString(it->second.ops);
    a.space = "fbnet";
    a.head_c_out = it->second.head;
    return a;
}

std::vector<std::string> Architecture::referenceNames() {
    std::vector<std::string> names;
    for (const auto& [n, r] : references())
        names.push_back(n);
    return names;
}

Architecture Architecture::resolve(const std::string& text, const SearchSpace& sp) {
    Architecture a;
    std::string source = "--arch";
    // "all-OP": OP in every layer, the hand-designed baselines (all-k3_e6 is MobileNetV2's block).
    const std::string all = "all-";
    if (text.rfind(all, 0) == 0 && sp.hasOp(text.substr(all.size()))) {
        a = uniform(sp, text.substr(all.size()));
    } else if (auto ref = reference(text)) {
        a = *ref;
        source = text;
    } else if (std::filesystem::is_regular_file(text)) {
        a = fromJson(readJsonFile(text), text);
        source = text;
    } else {
        a = parseString(text);
    }
    a.checkAgainst(sp, source);
    if (a.space.empty())
        a.space = sp.name;
    return a;
}

Architecture Architecture::uniform(const SearchSpace& sp, const std::string& name) {
    Architecture a;
    a.space = sp.name;
    a.ops.assign(sp.layers.size(), name);
    return a;
}

} // namespace dnas
