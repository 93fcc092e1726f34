// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cost/HwNasBenchImporter.h"
#include "engine/util/DnasError.h"
#include "engine/util/InputLimits.h"
#include "engine/util/JsonFile.h"
#include "engine/util/JsonText.h"
#include "engine/util/TextFile.h"

#include <cctype>
#include <cmath>
#include <map>
#include <sstream>

namespace dnas {

namespace {

// nlohmann/json keeps no positions, so a bad key's line is found by searching the source text:
// keys are unique within a dict, and the first occurrence after the dict's own key is the one.
std::string lineOf(const std::string& text, const std::string& dict, const std::string& key) {
    if (text.empty())
        return "";
    size_t from = text.find("\"" + dict + "\"");
    if (from == std::string::npos)
        from = 0;
    const size_t at = text.find("\"" + key + "\"", from);
    if (at == std::string::npos)
        return "";
    size_t line = 1;
    for (size_t i = 0; i < at; ++i)
        line += text[i] == '\n';
    return "line " + std::to_string(line) + ", ";
}

// "Cin16" -> ("Cin", 16). Every field of a raw key is letters then a non-negative integer.
bool splitField(const std::string& tok, std::string& name, int& value) {
    size_t i = 0;
    while (i < tok.size() && std::isalpha(static_cast<unsigned char>(tok[i])))
        ++i;
    if (i == 0 || i == tok.size() || tok.size() - i > 6)
        return false;
    for (size_t k = i; k < tok.size(); ++k)
        if (!std::isdigit(static_cast<unsigned char>(tok[k])))
            return false;
    name = tok.substr(0, i);
    value = std::stoi(tok.substr(i));
    return true;
}

bool fail(std::string* why, const std::string& message) {
    if (why)
        *why = message;
    return false;
}

std::string deviceOf(const std::string& deviceOrMetric) {
    for (const char* suffix : {"_latency", "_energy"}) {
        const std::string s = suffix;
        if (deviceOrMetric.size() > s.size() &&
            deviceOrMetric.compare(deviceOrMetric.size() - s.size(), s.size(), s) == 0)
            return deviceOrMetric.substr(0, deviceOrMetric.size() - s.size());
    }
    return deviceOrMetric;
}

} // namespace

bool HwNasBenchImporter::parseKey(const std::string& key, OpSignature& sig, std::string* why) {
    std::vector<std::string> tokens;
    std::stringstream in(key);
    for (std::string t; std::getline(in, t, '_');)
        tokens.push_back(t);
    if (tokens.empty())
        return fail(why, "empty key");
    const std::string kind = tokens[0];
    std::map<std::string, int> f;
    for (size_t i = 1; i < tokens.size(); ++i) {
        std::string name;
        int value = 0;
        if (!splitField(tokens[i], name, value))
            return fail(why, "bad field \"" + tokens[i] + "\" (expected e.g. Cin16)");
        if (!f.emplace(name, value).second)
            return fail(why, "field " + name + " repeated");
    }
    // Which fields each kind must have, and nothing else: a typo must not pass silently.
    static const std::map<std::string, std::vector<std::string>> kFields = {
        {"ConvBlock", {"H", "W", "Cin", "Cout", "exp", "kernel", "stride", "group"}},
        {"Skip", {"H", "W", "Cin", "Cout", "stride"}},
        {"ConvNorm", {"H", "W", "Cin", "Cout", "kernel", "stride", "group"}},
        {"AvgP", {"H", "W", "Cin", "Cout", "kernel", "stride"}},
        {"FC", {"Cin", "Cout"}}};
    const auto want = kFields.find(kind);
    if (want == kFields.end())
        return fail(why, "unknown block kind \"" + kind +
                             "\" (expected ConvBlock, Skip, ConvNorm, AvgP or FC)");
    for (const auto& name : want->second)
        if (!f.count(name))
            return fail(why, kind + " key lacks field " + name);
    if (f.size() != want->second.size())
        return fail(why, kind + " key has " + std::to_string(f.size()) + " fields, expected " +
                             std::to_string(want->second.size()));
    for (const auto& [name, v] : f)
        if (v < 1)
            return fail(why, "field " + name + " must be >= 1");

    if (kind == "FC") {
        sig = {"fc", f["Cin"], f["Cout"], 1, 1, 1};
        return true;
    }
    sig = {"", f["Cin"], f["Cout"], f["H"], f["W"], f["stride"]};
    if (kind == "ConvBlock") {
        // Same names as engine/space/OpSpec.cpp's built-ins: k{K}_e{E}, grouped 1x1s add _g{G}.
        sig.op = "k" + std::to_string(f["kernel"]) + "_e" + std::to_string(f["exp"]);
        if (f["group"] > 1)
            sig.op += "_g" + std::to_string(f["group"]);
    } else if (kind == "Skip") {
        sig.op = "skip";
    } else if (kind == "ConvNorm") {
        // The net has two plain conv+BN blocks: the 3x3 stem and the 1x1 head.
        if (f["kernel"] == 3)
            sig.op = "stem";
        else if (f["kernel"] == 1)
            sig.op = "head";
        else
            return fail(why, "ConvNorm kernel " + std::to_string(f["kernel"]) +
                                 " is neither the 3x3 stem nor the 1x1 head");
        if (f["group"] != 1)
            return fail(why, "ConvNorm with groups is not a stem or head");
    } else { // AvgP: the global pool before the fc
        sig.op = "pool";
        if (f["kernel"] != f["H"] || f["H"] != f["W"])
            return fail(why, "AvgP is not a global pool (kernel must equal H and W)");
        sig.stride = 1;
    }
    return true;
}

std::vector<std::string> HwNasBenchImporter::devices(const nlohmann::json& doc) {
    std::vector<std::string> out;
    if (!doc.is_object())
        return out;
    for (const auto& [k, v] : doc.items())
        if (v.is_object() && deviceOf(k) != k && k.size() > 8 &&
            k.compare(k.size() - 8, 8, "_latency") == 0)
            out.push_back(deviceOf(k));
    return out;
}

LatencyTable HwNasBenchImporter::importJson(const nlohmann::json& doc, const std::string& device,
                                            const std::string& file, const std::string& text) {
    const std::string dev = deviceOf(device);
    if (!doc.is_object())
        throw DnasError(file, "", "expected a JSON object of metric dicts");
    const std::string latKey = dev + "_latency", energyKey = dev + "_energy";
    if (!doc.contains(latKey) || !doc[latKey].is_object()) {
        std::string known;
        for (const auto& d : devices(doc))
            known += (known.empty() ? "" : ", ") + d;
        throw DnasError(file, latKey,
                        "missing; devices in this file: " + (known.empty() ? "none" : known));
    }
    if (doc[latKey].size() > kMaxLutEntries)
        throw DnasError(file, latKey,
                        "has " + std::to_string(doc[latKey].size()) + " entries, more than the " +
                            std::to_string(kMaxLutEntries) + " a LUT may hold");
    const bool withEnergy = doc.contains(energyKey);
    if (withEnergy && !doc[energyKey].is_object())
        throw DnasError(file, energyKey, "expected an object");

    // Values are checked and converted the same way for both metrics.
    auto number = [&](const std::string& dict, const std::string& key) {
        const auto& d = doc[dict];
        if (!d.contains(key))
            throw DnasError(file, dict,
                            lineOf(text, dict, key) + "no value for \"" + key + "\" (present in " +
                                latKey + ")");
        const auto& v = d[key];
        if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() < 0.0)
            throw DnasError(file, dict + "." + key,
                            lineOf(text, dict, key) + "expected a number >= 0, got " + v.dump());
        return v.get<double>() *
               1000.0; // ms -> µs, mJ -> µJ (as scripts/tools/import_hw_nas_bench.py)
    };

    LatencyTable t;
    t.source = file;
    t.device = {{"name", dev + " (HW-NAS-Bench)"},
                {"kind", dev},
                {"notes", "imported from HW-NAS-Bench raw FBNet LUT, batch 1"}};
    t.provenance = {
        {"kind", "imported"}, {"from", file}, {"format", "hw-nas-bench-raw"}, {"metric", latKey}};
    for (const auto& [key, value] : doc[latKey].items()) {
        (void)value;
        LutEntry e;
        std::string why;
        if (!parseKey(key, e.sig, &why))
            throw DnasError(file, latKey,
                            lineOf(text, latKey, key) + "key \"" + key + "\": " + why);
        if (t.find(e.sig))
            throw DnasError(file, latKey,
                            lineOf(text, latKey, key) + "key \"" + key +
                                "\" names the same block as another key");
        e.latency_us = number(latKey, key);
        if (withEnergy)
            e.energy_uj = number(energyKey, key);
        t.set(e);
    }
    if (t.size() == 0)
        throw DnasError(file, latKey, "is empty");
    return t;
}

LatencyTable HwNasBenchImporter::importFile(const std::string& path, const std::string& device) {
    const std::string text = readTextFile(path);
    return importJson(parseJsonText(text, path), device, path, text);
}

} // namespace dnas
