// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

namespace dnas {

// Where a run stands, saved in every checkpoint: the next (epoch, phase, step) to run and the
// running sums of the epoch in progress, so a stop in mid-epoch resumes at the very next step.
struct SearchState {
    int epoch = 0;          // epoch in progress (or next to start)
    int phase = 0;          // 0: weights (or warm-up), 1: theta, 2: epoch end
    int64_t step = 0;       // next step within the phase
    int64_t global_step = 0;
    int64_t w_steps_done = 0; // for the cosine schedule
    double loss_sum = 0.0, correct = 0.0, seen = 0.0;             // w phase
    double theta_loss_sum = 0.0, theta_correct = 0.0, theta_seen = 0.0;
    double seconds = 0.0;   // time spent in this epoch so far
    double target = 0.0;    // additive loss target, fixed at the start of the run
    std::vector<int64_t> decided; // per layer: the decided candidate, or -1 (empty: none yet)
    nlohmann::json log_offsets = nlohmann::json::object();

    nlohmann::json toJson() const;
    static SearchState fromJson(const nlohmann::json& j);
};

} // namespace dnas
