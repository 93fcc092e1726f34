// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <cstdint>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

namespace dnas {

// Appends the run folder's JSON-lines logs (metrics.jsonl, theta.jsonl, samples.jsonl). Each
// line is flushed as written so a viewer can follow the run; offsets() taken at a checkpoint
// let a resumed run cut away what the interrupted epoch had appended.
class RunWriter {
  public:
    // A disabled writer (the other ranks of a data-parallel run) touches no file.
    explicit RunWriter(std::string runDir, bool enabled = true);
    ~RunWriter();
    RunWriter(const RunWriter&) = delete;
    RunWriter& operator=(const RunWriter&) = delete;

    void metrics(const nlohmann::json& line) { append(metrics_, line); }
    void theta(const nlohmann::json& line) { append(theta_, line); }
    void samples(const nlohmann::json& line) { append(samples_, line); }

    nlohmann::json offsets() const; // {"metrics": bytes, "theta": …, "samples": …}
    void sync();                    // fsync all logs (before a checkpoint records offsets)
    // Truncates each log to the given offsets (resume) and reopens for appending.
    void truncateTo(const nlohmann::json& offsets);

  private:
    struct Log {
        std::string path;
        std::FILE* file = nullptr;
    };
    void open(Log& log);
    void append(Log& log, const nlohmann::json& line);
    std::string dir_;
    Log metrics_, theta_, samples_;
};

} // namespace dnas
