// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/search/SearchState.h"

namespace dnas {

void SearchState::startThetaPass() {
    phase = StepPhase::Theta;
    step = 0;
}

void SearchState::startNextEpoch() {
    SearchState next;
    next.epoch = epoch + 1;
    next.global_step = global_step;
    next.w_steps_done = w_steps_done;
    next.target = target;
    next.lambda = lambda;
    next.lambda_set = lambda_set;
    next.decided = std::move(decided);
    *this = std::move(next);
}

nlohmann::json SearchState::toJson() const {
    nlohmann::json j = {{"epoch", epoch},
                        {"phase", phaseNumber()},
                        {"step", step},
                        {"global_step", global_step},
                        {"w_steps_done", w_steps_done},
                        {"loss_sum", loss_sum},
                        {"correct", correct},
                        {"seen", seen},
                        {"theta_loss_sum", theta_loss_sum},
                        {"theta_correct", theta_correct},
                        {"theta_seen", theta_seen},
                        {"seconds", seconds},
                        {"target", target},
                        {"log_offsets", log_offsets},
                        {"decided", decided}};
    if (lambda_set)
        j["lambda"] = lambda;
    return j;
}

SearchState SearchState::fromJson(const nlohmann::json& j) {
    SearchState s;
    s.epoch = j.value("epoch", 0);
    // 1: the θ pass; else the w pass (the former in-memory 2, "epoch end", was never saved).
    s.phase = j.value("phase", 0) == 1 ? StepPhase::Theta : StepPhase::Weights;
    s.step = j.value("step", int64_t(0));
    s.global_step = j.value("global_step", int64_t(0));
    s.w_steps_done = j.value("w_steps_done", int64_t(0));
    s.loss_sum = j.value("loss_sum", 0.0);
    s.correct = j.value("correct", 0.0);
    s.seen = j.value("seen", 0.0);
    s.theta_loss_sum = j.value("theta_loss_sum", 0.0);
    s.theta_correct = j.value("theta_correct", 0.0);
    s.theta_seen = j.value("theta_seen", 0.0);
    s.seconds = j.value("seconds", 0.0);
    s.target = j.value("target", 0.0);
    s.log_offsets = j.value("log_offsets", nlohmann::json::object());
    s.decided = j.value("decided", std::vector<int64_t>{});
    s.lambda_set = j.contains("lambda");
    s.lambda = j.value("lambda", 0.0);
    return s;
}

} // namespace dnas
