// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/search/SearchState.h"

#include <gtest/gtest.h>

using namespace dnas;

namespace {
// A state in the middle of an epoch's θ pass, every field set.
SearchState midThetaPass() {
    SearchState s;
    s.epoch = 3;
    s.phase = StepPhase::Theta;
    s.step = 7;
    s.global_step = 120;
    s.w_steps_done = 90;
    s.loss_sum = 12.5;
    s.correct = 40.0;
    s.seen = 64.0;
    s.theta_loss_sum = 3.25;
    s.theta_correct = 10.0;
    s.theta_seen = 16.0;
    s.seconds = 2.5;
    s.target = 800.0;
    s.decided = {-1, 2, -1};
    s.log_offsets = {{"metrics.jsonl", 4096}};
    return s;
}
} // namespace

TEST(SearchState, NextEpochStartsAfreshButKeepsWhatSpansEpochs) {
    SearchState s = midThetaPass();
    s.startNextEpoch();
    EXPECT_EQ(s.epoch, 4);
    EXPECT_EQ(s.phase, StepPhase::Weights);
    EXPECT_EQ(s.step, 0);
    // Carried over: the step count, the cosine schedule's position, the target and the
    // decided layers.
    EXPECT_EQ(s.global_step, 120);
    EXPECT_EQ(s.w_steps_done, 90);
    EXPECT_DOUBLE_EQ(s.target, 800.0);
    EXPECT_EQ(s.decided, (std::vector<int64_t>{-1, 2, -1}));
    // The epoch's running sums and time start again.
    for (double v : {s.loss_sum, s.correct, s.seen, s.theta_loss_sum, s.theta_correct, s.theta_seen,
                     s.seconds})
        EXPECT_EQ(v, 0.0);
    EXPECT_EQ(s.log_offsets, nlohmann::json::object());
}

TEST(SearchState, ThetaPassStartsAtItsFirstStep) {
    SearchState s = midThetaPass();
    s.phase = StepPhase::Weights;
    s.startThetaPass();
    EXPECT_EQ(s.phase, StepPhase::Theta);
    EXPECT_EQ(s.step, 0);
    EXPECT_EQ(s.epoch, 3);
    EXPECT_DOUBLE_EQ(s.loss_sum, 12.5); // the w pass's sums stay for the epoch's end
}

// The checkpoint keeps its numbers: phase 0 for the w pass, 1 for the θ pass.
TEST(SearchState, CheckpointJsonRoundTripsWithNumberedPhases) {
    const SearchState s = midThetaPass();
    const nlohmann::json j = s.toJson();
    EXPECT_EQ(j["phase"], 1);
    const SearchState back = SearchState::fromJson(j);
    EXPECT_EQ(back.toJson(), j);
    EXPECT_EQ(back.phase, StepPhase::Theta);
    EXPECT_EQ(back.decided, s.decided);
    EXPECT_EQ(SearchState{}.toJson()["phase"], 0);
    EXPECT_EQ(SearchState::fromJson({{"phase", 0}}).phase, StepPhase::Weights);
    EXPECT_EQ(SearchState::fromJson(nlohmann::json::object()).phase, StepPhase::Weights);
    // The dual multiplier is written once set, read back, and absent from older checkpoints.
    EXPECT_FALSE(j.contains("lambda"));
    EXPECT_FALSE(back.lambda_set);
    SearchState dual = s;
    dual.lambda = -0.25;
    dual.lambda_set = true;
    const SearchState dualBack = SearchState::fromJson(dual.toJson());
    EXPECT_TRUE(dualBack.lambda_set);
    EXPECT_DOUBLE_EQ(dualBack.lambda, -0.25);
    dual.startNextEpoch();
    EXPECT_DOUBLE_EQ(dual.lambda, -0.25);
}
