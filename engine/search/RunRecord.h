// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/search/SearchTypes.h"
#include "engine/search/Study.h"

#include <chrono>
#include <optional>
#include <string>

namespace dnas {

enum class RunState { Running, Finished, Stopped };
const char* toString(RunState state); // "running", "finished", "stopped"

// How a run's delivered net was retrained: the study's recipe (RUN/final/train.json, from
// `dnas train RUN`, the app's Train or `dnas sweep --retrain full`) or a short proxy recipe
// (RUN/proxy/train.json, `dnas sweep --retrain proxy`).
enum class RetrainKind { Full, Proxy };
const char* toString(RetrainKind kind); // "full", "proxy"

struct Retrained {
    RetrainKind kind = RetrainKind::Full;
    double test_accuracy = 0.0; // 0..1
    int epochs = 0;
};

// What a list of runs shows about one run folder, read without following its logs: its study
// (space, cost model, target, mode), whether it finished, the delivered net and its retrained
// accuracy when known.
struct RunRecord {
    // A run whose metrics.jsonl changed this recently is taken to be still searching: a step
    // line is appended every batch, and an epoch's evaluation takes well under this.
    static constexpr std::chrono::seconds kRunningWindow{120};

    std::string dir;
    std::string name; // the folder's name
    Study study;      // the run's frozen copy (study.json)
    RunState state = RunState::Stopped;
    int epochs_done = 0;                      // epoch lines in metrics.jsonl
    std::optional<SampledArchitecture> found; // final/summary.json's delivered net
    std::string cost_unit;                    // of found->cost
    std::optional<Retrained> retrained;       // full wins over proxy

    // Throws DnasError naming the file and field when study.json or a summary is broken.
    static RunRecord read(const std::string& dir);
};

} // namespace dnas
