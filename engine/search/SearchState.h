// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/search/SearchTypes.h"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

namespace dnas {

// Where a run stands, saved in every checkpoint: the next (epoch, phase, step) to run and the
// running sums of the epoch in progress, so a stop in mid-epoch resumes at the very next step.
struct SearchState {
    int epoch = 0; // epoch in progress (or next to start)
    // The w pass (Weights, the warm-up's too: warm-up is a property of the epoch) or the θ pass
    // (Theta, which warm-up epochs skip). Never Warmup.
    StepPhase phase = StepPhase::Weights;
    int64_t step = 0; // next step within the phase
    int64_t global_step = 0;
    int64_t w_steps_done = 0;                         // for the cosine schedule
    double loss_sum = 0.0, correct = 0.0, seen = 0.0; // w phase
    double theta_loss_sum = 0.0, theta_correct = 0.0, theta_seen = 0.0;
    double seconds = 0.0; // time spent in this epoch so far
    double target = 0.0;  // additive loss target, fixed at the start of the run
    // The "target" loss's multiplier under dual ascent (settings.target_dual_lr > 0): starts at
    // settings.lambda and moves after every θ step; unset (false) until the run sets it.
    double lambda = 0.0;
    bool lambda_set = false;
    std::vector<int64_t> decided; // per layer: the decided candidate, or -1 (empty: none yet)
    nlohmann::json log_offsets = nlohmann::json::object();

    // The θ pass of this epoch, from its first step.
    void startThetaPass();
    // The next epoch, from its first step: the epoch's sums and time start again; the step
    // count, the cosine schedule's position, the loss target, its multiplier and the layer
    // decisions carry over.
    void startNextEpoch();

    // Written as the checkpoint's "phase" (0: w pass, 1: θ pass), not as the enum's value.
    int phaseNumber() const { return phase == StepPhase::Theta ? 1 : 0; }
    nlohmann::json toJson() const;
    static SearchState fromJson(const nlohmann::json& j);
};

} // namespace dnas
