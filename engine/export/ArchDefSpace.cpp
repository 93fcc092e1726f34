// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/export/ArchDefSpace.h"
#include "engine/export/ArchDef.h"
#include "engine/util/DnasError.h"
#include "engine/util/JsonFile.h"

#include <algorithm>
#include <filesystem>

namespace dnas {

namespace {
const std::string kCandidatesField = "candidates["; // how validation names a candidate

bool isArchDef(const nlohmann::json& j) {
    return j.is_object() && j.contains("blocks");
}

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names)
        out += (out.empty() ? "" : ", ") + n;
    return out;
}

// Removes the added candidates (never a layer's own op, index 0) that validation flags, one at
// a time: a removal can change which problems are left.
void dropMisfits(SearchSpace& space) {
    for (bool dropped = true; dropped;) {
        dropped = false;
        for (const ValidationIssue& issue : space.validate()) {
            if (issue.layer < 0 || issue.field.rfind(kCandidatesField, 0) != 0)
                continue;
            const size_t k = std::stoul(issue.field.substr(kCandidatesField.size()));
            auto& cands = space.layers[size_t(issue.layer)].candidates;
            if (k == 0 || k >= cands.size())
                continue;
            cands.erase(cands.begin() + long(k));
            dropped = true;
            break;
        }
    }
}
} // namespace

std::vector<std::string> ArchDefSpace::entries(const nlohmann::json& j) {
    std::vector<std::string> names;
    if (!j.is_object() || isArchDef(j))
        return names;
    for (const auto& [key, value] : j.items())
        if (isArchDef(value))
            names.push_back(key);
    return names;
}

SearchSpace ArchDefSpace::fromJson(const nlohmann::json& j, const std::string& file,
                                   const Options& options) {
    std::string entry;
    const nlohmann::json* def = &j;
    if (!isArchDef(j)) {
        const auto names = entries(j);
        if (names.empty())
            throw DnasError(file, "blocks", "missing: neither an arch_def nor a registry of them");
        entry = options.name;
        if (entry.empty() && names.size() != 1)
            throw DnasError(file, "",
                            "holds " + std::to_string(names.size()) + " arch_defs (" +
                                joined(names) + "); name one");
        if (entry.empty())
            entry = names.front();
        if (std::find(names.begin(), names.end(), entry) == names.end())
            throw DnasError(file, entry, "no such arch_def; the file has " + joined(names));
        def = &j.at(entry);
    }

    nlohmann::json copy = *def;
    if (!copy.contains("input_size"))
        copy["input_size"] = options.inputSize;
    if (!copy.contains("space"))
        copy["space"] = entry.empty() ? std::filesystem::path(file).stem().string() : entry;
    const std::string where = entry.empty() ? file : file + " (" + entry + ")";
    SearchSpace space = ArchDef::read(copy, where).space;

    for (const std::string& extra : options.moreCandidates)
        if (!space.hasOp(extra))
            throw DnasError(where, "candidates", "unknown op \"" + extra + "\" to add");
    for (LayerSpec& layer : space.layers)
        for (const std::string& extra : options.moreCandidates)
            if (std::find(layer.candidates.begin(), layer.candidates.end(), extra) ==
                layer.candidates.end())
                layer.candidates.push_back(extra);
    dropMisfits(space);
    return space;
}

SearchSpace ArchDefSpace::load(const std::string& path, const Options& options) {
    return fromJson(readJsonFile(path), path, options);
}

} // namespace dnas
