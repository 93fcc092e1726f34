// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/search/Study.h"
#include "engine/util/DnasError.h"
#include "engine/util/JsonFile.h"
#include "engine/util/Resources.h"

#include <filesystem>

namespace dnas {

std::string CostSpec::unit() const {
    if (kind == "latency")
        return "us";
    if (kind == "energy")
        return "uJ";
    if (kind == "macs")
        return "MMAC";
    return "Kparams";
}

nlohmann::json CostSpec::toJson() const {
    nlohmann::json j = {{"kind", kind}};
    if (!lut.empty())
        j["lut"] = lut;
    return j;
}

CostSpec CostSpec::fromJson(const nlohmann::json& j, const std::string& file) {
    JsonReader r(j, file, "cost");
    CostSpec c;
    c.kind = r.getString("kind", c.kind);
    if (c.kind != "latency" && c.kind != "energy" && c.kind != "macs" && c.kind != "params")
        r.fail("kind", "must be latency, energy, macs or params, got \"" + c.kind + "\"");
    c.lut = r.getString("lut", "");
    if (c.usesLut() && c.lut.empty())
        r.fail("lut", "a " + c.kind + " cost needs a LUT");
    return c;
}

nlohmann::json Study::toJson() const {
    nlohmann::json j = {{"format", "dnas-study/1"},
                        {"name", name},
                        {"dataset", dataset},
                        {"cost", cost.toJson()},
                        {"settings", settings.toJson()},
                        {"train", train.toJson()},
                        {"runs", runs}};
    if (space_ref.empty())
        j["space"] = space.toJson();
    else
        j["space"] = space_ref;
    return j;
}

Study Study::fromJson(const nlohmann::json& j, const std::string& file, bool requireValidSpace) {
    checkFormat(j, "dnas-study", file);
    JsonReader r(j, file);
    Study s;
    s.source = file;
    s.name = r.getString("name", "study");
    const auto& sp = r.at("space").json();
    if (sp.is_string()) {
        s.space_ref = sp.get<std::string>();
        // A relative space path is relative to the study file, as a user would expect.
        std::string path = s.space_ref;
        const auto base = std::filesystem::path(file).parent_path();
        if (path.find('/') != std::string::npos && std::filesystem::path(path).is_relative() &&
            std::filesystem::exists(base / path))
            path = (base / path).string();
        s.space = SearchSpace::load(path);
    } else {
        s.space = SearchSpace::fromJson(sp, file + " (inline space)", requireValidSpace);
    }
    if (r.has("dataset"))
        s.dataset = j["dataset"];
    if (!s.dataset.is_object())
        r.fail("dataset", "expected an object");
    if (r.has("cost"))
        s.cost = CostSpec::fromJson(j["cost"], file);
    if (r.has("settings"))
        s.settings = SearchSettings::fromJson(j["settings"], file);
    if (r.has("train"))
        s.train = TrainSettings::fromJson(j["train"], file);
    if (r.has("runs")) {
        const auto runs = r.at("runs");
        for (size_t i = 0; i < runs.size(); ++i)
            s.runs.push_back(runs.at(i).asString());
    }
    return s;
}

Study Study::load(const std::string& nameOrPath, bool requireValidSpace) {
    const std::string path = resolveResource(nameOrPath, "studies", ".study.json");
    return fromJson(readJsonFile(path), path, requireValidSpace);
}

void Study::save(const std::string& path) const {
    writeJsonFileAtomic(path, toJson());
}

Study Study::defaultStudy() {
    return load("fmnist");
}

} // namespace dnas
