// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/search/RunRecord.h"
#include "engine/search/SearchTypesJson.h"
#include "engine/util/DnasError.h"
#include "engine/util/JsonFile.h"

#include <filesystem>
#include <fstream>
#include <string_view>

namespace fs = std::filesystem;

namespace dnas {

const char* toString(RunState state) {
    switch (state) {
    case RunState::Running:
        return "running";
    case RunState::Finished:
        return "finished";
    case RunState::Stopped:
        return "stopped";
    }
    return "stopped";
}

const char* toString(RetrainKind kind) {
    return kind == RetrainKind::Proxy ? "proxy" : "full";
}

namespace {

// Epoch lines only; a line still being written is not counted.
int countEpochLines(const fs::path& metrics) {
    std::ifstream in(metrics, std::ios::binary);
    constexpr std::string_view kEpochType = "\"type\":\"epoch\"";
    int n = 0;
    std::string line;
    while (std::getline(in, line))
        if (!in.eof() && line.find(kEpochType) != std::string::npos)
            ++n;
    return n;
}

std::optional<Retrained> readRetrained(const fs::path& file, RetrainKind kind) {
    if (!fs::exists(file))
        return std::nullopt;
    const nlohmann::json j = readJsonFile(file.string());
    checkFormat(j, "dnas-train", file.string());
    const JsonReader r(j, file.string());
    Retrained t;
    t.kind = kind;
    t.test_accuracy = r.getDouble("test_accuracy");
    if (r.has("settings"))
        t.epochs = r.at("settings").getInt("epochs", 0);
    return t;
}

} // namespace

RunRecord RunRecord::read(const std::string& dir) {
    const fs::path d(dir);
    const fs::path studyPath = d / "study.json";
    if (!fs::exists(studyPath))
        throw DnasError(dir, "", "not a run folder (no study.json)");
    RunRecord r;
    r.dir = dir;
    r.name = d.filename().empty() ? d.parent_path().filename().string() : d.filename().string();
    // The run's frozen copy: its space may be one the space editor later changed.
    r.study = Study::fromJson(readJsonFile(studyPath.string()), studyPath.string(), false);
    const fs::path metrics = d / "metrics.jsonl";
    if (fs::exists(metrics))
        r.epochs_done = countEpochLines(metrics);

    const fs::path summary = d / "final" / "summary.json";
    if (fs::exists(summary)) {
        r.state = RunState::Finished;
        const nlohmann::json j = readJsonFile(summary.string());
        checkFormat(j, "dnas-search-summary", summary.string());
        const JsonReader s(j, summary.string());
        r.cost_unit = s.getString("cost_unit", "");
        r.found = sampleFromJson(s.at("argmax").json(), summary.string());
        r.found->is_argmax = true;
    } else if (fs::exists(metrics)) {
        const auto age = fs::file_time_type::clock::now() - fs::last_write_time(metrics);
        r.state = age < kRunningWindow ? RunState::Running : RunState::Stopped;
    }
    r.retrained = readRetrained(d / "final" / "train.json", RetrainKind::Full);
    if (!r.retrained)
        r.retrained = readRetrained(d / "proxy" / "train.json", RetrainKind::Proxy);
    return r;
}

} // namespace dnas
