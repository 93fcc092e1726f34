// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/search/RunReader.h"
#include "engine/search/SearchTypesJson.h"
#include "engine/util/DnasError.h"
#include "engine/util/JsonFile.h"
#include "engine/util/JsonText.h"

#include <filesystem>
#include <fstream>
#include <functional>

namespace fs = std::filesystem;

namespace dnas {

namespace {
// Calls `f` for each complete line from `offset` on and advances the offset past them; a line
// still being written (no newline yet) is left for the next poll.
void readNewLines(const std::string& path, uint64_t& offset,
                  const std::function<void(const nlohmann::json&)>& f) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return;
    in.seekg(static_cast<std::streamoff>(offset));
    std::string line;
    while (std::getline(in, line)) {
        if (in.eof())
            break; // no trailing newline: incomplete
        offset += line.size() + 1;
        if (line.empty())
            continue;
        const std::string where = "line ending at byte " + std::to_string(offset);
        const nlohmann::json j = parseJsonText(line, path, where);
        // Every log line is an object; the readers below may then ask for its fields.
        if (!j.is_object())
            throw DnasError(path, where, "expected a JSON object");
        f(j);
    }
}
} // namespace

RunReader::RunReader(std::string runDir) : dir_(std::move(runDir)) {
    const fs::path studyPath = fs::path(dir_) / "study.json";
    if (!fs::exists(studyPath))
        throw DnasError(dir_, "", "not a run folder (no study.json)");
    study_ = Study::fromJson(readJsonFile(studyPath.string()), studyPath.string());
}

RunReader::Update RunReader::poll() {
    Update u;
    const fs::path dir(dir_);
    std::vector<EpochMetrics> epochs;
    readNewLines((dir / "metrics.jsonl").string(), metricsOffset_, [&](const nlohmann::json& j) {
        const std::string file = (dir / "metrics.jsonl").string();
        // JsonReader, not json::value(): a "type" that is not a string is a DnasError too.
        const std::string type = JsonReader(j, file).getString("type", "");
        if (type == "step")
            u.steps.push_back(stepFromJson(j, file));
        else if (type == "epoch")
            u.epochs.push_back(epochFromJson(j, file));
    });
    // theta.jsonl is written before the epoch line of metrics.jsonl, so each new epoch line
    // finds its probabilities here (or in the pending list from an earlier poll).
    readNewLines((dir / "theta.jsonl").string(), thetaOffset_, [&](const nlohmann::json& j) {
        EpochMetrics t;
        thetaFromJson(j, t, (dir / "theta.jsonl").string());
        t.epoch = JsonReader(j, (dir / "theta.jsonl").string()).getInt("epoch", -1);
        pendingTheta_.push_back(std::move(t));
    });
    for (auto& e : u.epochs)
        for (const auto& t : pendingTheta_)
            if (t.epoch == e.epoch)
                e.layers = t.layers;
    readNewLines((dir / "samples.jsonl").string(), samplesOffset_, [&](const nlohmann::json& j) {
        u.samples.push_back(sampleSetFromJson(j, (dir / "samples.jsonl").string()));
    });
    const fs::path summary = dir / "final" / "summary.json";
    u.finished = fs::exists(summary);
    if (u.finished && !finalRead_) {
        finalRead_ = true;
        const std::string file = summary.string();
        const nlohmann::json j = readJsonFile(file);
        checkFormat(j, "dnas-search-summary", file);
        const JsonReader r(j, file);
        SampleSet set;
        set.cost_unit = r.getString("cost_unit", "");
        if (j.contains("finalists")) { // the delivered net first, as the search reported them
            const JsonReader list = r.at("finalists");
            for (size_t i = 0; i < list.size(); ++i)
                set.samples.push_back(sampleFromJson(list.at(i).json(), file));
        }
        if (set.samples.empty()) {
            set.samples.push_back(sampleFromJson(r.at("argmax").json(), file));
            set.samples.back().is_argmax = true;
        }
        set.epoch = set.samples.front().epoch;
        u.final = std::move(set);
    }
    return u;
}

} // namespace dnas
