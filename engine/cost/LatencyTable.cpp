// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cost/LatencyTable.h"
#include "engine/space/Architecture.h"
#include "engine/space/SearchSpace.h"
#include "engine/util/DnasError.h"
#include "engine/util/InputLimits.h"
#include "engine/util/JsonFile.h"
#include "engine/util/Resources.h"

#include <set>

namespace dnas {

namespace {
const char* const kFixedNames[] = {"stem", "head", "pool", "fc"};

bool isFixed(const std::string& op) {
    for (const char* n : kFixedNames)
        if (op == n)
            return true;
    return false;
}

nlohmann::json entryJson(const LutEntry& e, bool withOp) {
    nlohmann::json j;
    if (withOp)
        j["op"] = e.sig.op;
    j["c_in"] = e.sig.c_in;
    j["c_out"] = e.sig.c_out;
    j["h"] = e.sig.h;
    j["w"] = e.sig.w;
    j["stride"] = e.sig.stride;
    j["latency_us"] = e.latency_us;
    if (e.energy_uj)
        j["energy_uj"] = *e.energy_uj;
    if (e.p10_us)
        j["p10"] = *e.p10_us;
    if (e.p90_us)
        j["p90"] = *e.p90_us;
    if (e.mean_us)
        j["mean"] = *e.mean_us;
    if (e.samples)
        j["samples"] = e.samples;
    return j;
}

LutEntry entryFrom(const JsonReader& r, const std::string& op) {
    LutEntry e;
    e.sig.op = op;
    e.sig.c_in = r.getInt("c_in");
    e.sig.c_out = r.getInt("c_out");
    e.sig.h = r.getInt("h");
    e.sig.w = r.getInt("w", e.sig.h);
    e.sig.stride = r.getInt("stride", 1);
    e.latency_us = r.getDouble("latency_us");
    if (!(e.latency_us >= 0.0) || e.latency_us > 1e12)
        r.fail("latency_us", "must be >= 0");
    if (r.has("energy_uj"))
        e.energy_uj = r.getDouble("energy_uj");
    if (r.has("p10"))
        e.p10_us = r.getDouble("p10");
    if (r.has("p90"))
        e.p90_us = r.getDouble("p90");
    if (r.has("mean"))
        e.mean_us = r.getDouble("mean");
    e.samples = r.getInt("samples", 0);
    return e;
}
} // namespace

std::string OpSignature::key() const {
    return op + "|" + std::to_string(c_in) + "|" + std::to_string(c_out) + "|" + std::to_string(h) +
           "|" + std::to_string(w) + "|" + std::to_string(stride);
}

std::string OpSignature::describe() const {
    return op + " " + std::to_string(c_in) + "x" + std::to_string(h) + "x" + std::to_string(w) +
           " -> " + std::to_string(c_out) + " stride " + std::to_string(stride);
}

const LutEntry* LatencyTable::find(const OpSignature& sig) const {
    auto it = entries_.find(sig.key());
    return it == entries_.end() ? nullptr : &it->second;
}

const LutEntry& LatencyTable::at(const OpSignature& sig) const {
    if (const LutEntry* e = find(sig))
        return *e;
    throw DnasError(source.empty() ? "LUT \"" + deviceName() + "\"" : source, "entries",
                    "no entry for " + sig.describe());
}

double LatencyTable::value(const OpSignature& sig, CostMetric metric) const {
    const LutEntry& e = at(sig);
    if (metric == CostMetric::Latency)
        return e.latency_us;
    if (!e.energy_uj)
        throw DnasError(source, "entries", "no energy for " + sig.describe());
    return *e.energy_uj;
}

bool LatencyTable::hasEnergy() const {
    if (entries_.empty())
        return false;
    for (const auto& [k, e] : entries_)
        if (!e.energy_uj)
            return false;
    return true;
}

std::vector<LutEntry> LatencyTable::entries() const {
    std::vector<LutEntry> v;
    for (const auto& [k, e] : entries_)
        v.push_back(e);
    return v;
}

std::string LatencyTable::deviceName() const {
    return device.is_object() && device.contains("name") && device["name"].is_string()
               ? device["name"].get<std::string>()
               : std::string("unnamed");
}

OpSignature blockSignature(const SearchSpace& space, size_t layer, const std::string& op) {
    const LayerShape s = space.layerShapes().at(layer);
    return {op, s.c_in, s.c_out, s.h, s.w, s.stride};
}

std::vector<OpSignature> LatencyTable::fixedSignatures(const SearchSpace& sp) {
    const int f = sp.finalSize();
    return {
        {"stem", sp.input_channels, sp.stem_c_out, sp.input_size, sp.input_size, sp.stem_stride},
        {"head", sp.lastChannels(), sp.head_c_out, f, f, 1},
        {"pool", sp.head_c_out, sp.head_c_out, f, f, 1},
        {"fc", sp.head_c_out, sp.num_classes, 1, 1, 1}};
}

std::vector<OpSignature> LatencyTable::signaturesFor(const SearchSpace& sp) {
    std::vector<OpSignature> out = fixedSignatures(sp);
    std::set<std::string> seen;
    for (const auto& s : out)
        seen.insert(s.key());
    const auto shapes = sp.layerShapes();
    for (size_t i = 0; i < sp.layers.size(); ++i)
        for (const auto& op : sp.layers[i].candidates) {
            const auto& s = shapes[i];
            OpSignature sig{op, s.c_in, s.c_out, s.h, s.w, s.stride};
            if (seen.insert(sig.key()).second)
                out.push_back(sig);
        }
    return out;
}

std::vector<OpSignature> LatencyTable::missing(const SearchSpace& sp) const {
    std::vector<OpSignature> out;
    for (const auto& sig : signaturesFor(sp))
        if (!find(sig))
            out.push_back(sig);
    return out;
}

void LatencyTable::merge(const LatencyTable& other) {
    for (const auto& [k, e] : other.entries_)
        entries_[k] = e;
    for (const auto& [space, c] : other.calibrations)
        calibrations[space] = c;
    for (const auto& [space, a] : other.anchors)
        anchors[space] = a;
}

LatencyTable LatencyTable::calibratedFor(const SearchSpace& sp) const {
    LatencyTable t = *this;
    t.calibrations.clear();
    const auto it = calibrations.find(sp.name);
    if (it == calibrations.end())
        return t;
    const LutCalibration& c = it->second;
    for (const auto& sig : signaturesFor(sp)) {
        auto e = t.entries_.find(sig.key());
        if (isFixed(sig.op) || e == t.entries_.end())
            continue;
        LutEntry& entry = e->second;
        entry.latency_us = c.apply(sig.op, entry.latency_us);
        for (std::optional<double>* v : {&entry.p10_us, &entry.p90_us, &entry.mean_us})
            if (*v)
                **v = c.apply(sig.op, **v);
    }
    t.provenance["calibrated_for"] = sp.name;
    return t;
}

double LatencyTable::fixedCost(const SearchSpace& sp, CostMetric metric) const {
    double total = 0.0;
    for (const auto& sig : fixedSignatures(sp))
        total += value(sig, metric);
    return total;
}

double LatencyTable::archCost(const SearchSpace& sp, const Architecture& arch,
                              CostMetric metric) const {
    const SearchSpace space = arch.applyTo(sp);
    arch.checkAgainst(space, "architecture");
    const auto sigs = fixedSignatures(space);
    // Summed in HW-NAS-Bench's order (stem, layers, head, pool, fc) so totals match exactly.
    double total = value(sigs[0], metric);
    const auto shapes = space.layerShapes();
    for (size_t i = 0; i < shapes.size(); ++i) {
        const auto& s = shapes[i];
        total += value({arch.ops[i], s.c_in, s.c_out, s.h, s.w, s.stride}, metric);
    }
    for (size_t k = 1; k < sigs.size(); ++k)
        total += value(sigs[k], metric);
    return total;
}

nlohmann::json LatencyTable::toJson() const {
    nlohmann::json list = nlohmann::json::array();
    nlohmann::json fixed = nlohmann::json::object();
    std::map<std::string, int> fixedCount;
    for (const auto& [k, e] : entries_)
        if (isFixed(e.sig.op))
            ++fixedCount[e.sig.op];
    for (const auto& [k, e] : entries_) {
        if (isFixed(e.sig.op) && fixedCount[e.sig.op] == 1)
            fixed[e.sig.op] = entryJson(e, false);
        else
            list.push_back(entryJson(e, true));
    }
    nlohmann::json j = {{"format", "dnas-lut/1"}, {"device", device}, {"units", "us"},
                        {"entries", list},        {"fixed", fixed},   {"provenance", provenance}};
    if (!calibrations.empty()) {
        j["calibrations"] = nlohmann::json::object();
        for (const auto& [space, c] : calibrations)
            j["calibrations"][space] = c.toJson();
    }
    if (!anchors.empty()) {
        j["anchors"] = nlohmann::json::object();
        for (const auto& [space, a] : anchors)
            j["anchors"][space] = a.toJson();
    }
    return j;
}

LatencyTable LatencyTable::fromJson(const nlohmann::json& j, const std::string& file) {
    checkFormat(j, "dnas-lut", file);
    JsonReader r(j, file);
    LatencyTable t;
    t.source = file;
    if (r.getString("units", "us") != "us")
        r.fail("units", "only \"us\" is supported");
    if (r.has("device"))
        t.device = j["device"];
    if (!t.device.is_object())
        r.fail("device", "expected an object");
    if (r.has("provenance"))
        t.provenance = j["provenance"];
    const auto list = r.at("entries");
    if (list.size() > kMaxLutEntries)
        r.fail("entries", "has " + std::to_string(list.size()) + " entries, more than the " +
                              std::to_string(kMaxLutEntries) + " a LUT may hold");
    for (size_t i = 0; i < list.size(); ++i) {
        const auto e = list.at(i);
        t.set(entryFrom(e, e.getString("op")));
    }
    if (r.has("fixed")) {
        const auto fixed = r.at("fixed");
        for (const char* n : kFixedNames)
            if (fixed.has(n))
                t.set(entryFrom(fixed.at(n), n));
    }
    if (r.has("calibrations")) {
        const auto all = r.at("calibrations");
        if (!all.json().is_object())
            r.fail("calibrations", "expected an object of space name -> calibration");
        for (const auto& [space, c] : all.json().items())
            t.calibrations[space] = LutCalibration::fromJson(all.at(space));
    }
    // Optional: LUTs written before the anchor (#21) load without one, and check uncorrected.
    if (r.has("anchors")) {
        const auto all = r.at("anchors");
        if (!all.json().is_object())
            r.fail("anchors", "expected an object of space name -> anchor");
        for (const auto& [space, a] : all.json().items())
            t.anchors[space] = LutAnchor::fromJson(all.at(space));
    }
    return t;
}

LatencyTable LatencyTable::load(const std::string& nameOrPath) {
    const std::string path = resolveResource(nameOrPath, "luts", ".lut.json");
    return fromJson(readJsonFile(path), path);
}

void LatencyTable::save(const std::string& path) const {
    writeJsonFileAtomic(path, toJson());
}

std::vector<std::string> LatencyTable::builtinNames() {
    return listResources("luts", ".lut.json");
}

} // namespace dnas
