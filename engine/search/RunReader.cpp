// SPDX-License-Identifier: GPL-3.0-or-later
#include "search/RunReader.h"
#include "search/SearchTypesJson.h"
#include "util/DnasError.h"
#include "util/JsonFile.h"

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
    if (!in) return;
    in.seekg(static_cast<std::streamoff>(offset));
    std::string line;
    uint64_t lineNo = 0;
    while (std::getline(in, line)) {
        if (in.eof()) break; // no trailing newline: incomplete
        offset += line.size() + 1;
        ++lineNo;
        if (line.empty()) continue;
        nlohmann::json j;
        try {
            j = nlohmann::json::parse(line);
        } catch (const nlohmann::json::parse_error& e) {
            throw DnasError(path, "", "malformed line at byte " + std::to_string(offset) + ": " +
                                          e.what());
        }
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
        if (j.value("type", "") == "step") u.steps.push_back(stepFromJson(j, file));
        else if (j.value("type", "") == "epoch") u.epochs.push_back(epochFromJson(j, file));
    });
    // theta.jsonl is written before the epoch line of metrics.jsonl, so each new epoch line
    // finds its probabilities here (or in the pending list from an earlier poll).
    readNewLines((dir / "theta.jsonl").string(), thetaOffset_, [&](const nlohmann::json& j) {
        EpochMetrics t;
        thetaFromJson(j, t, (dir / "theta.jsonl").string());
        t.epoch = j.value("epoch", -1);
        pendingTheta_.push_back(std::move(t));
    });
    for (auto& e : u.epochs)
        for (const auto& t : pendingTheta_)
            if (t.epoch == e.epoch) e.layers = t.layers;
    readNewLines((dir / "samples.jsonl").string(), samplesOffset_, [&](const nlohmann::json& j) {
        u.samples.push_back(sampleSetFromJson(j, (dir / "samples.jsonl").string()));
    });
    u.finished = fs::exists(dir / "final" / "summary.json");
    return u;
}

} // namespace dnas
