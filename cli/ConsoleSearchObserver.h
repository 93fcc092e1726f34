// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/search/SearchObserver.h"

#include <chrono>

namespace dnas::cli {

// Prints a search's progress: one live line (epoch, step, loss, acc, expected cost, τ,
// images/s, ETA) rewritten in place at most a few times a second, and a summary line per epoch;
// or, with jsonLines, one JSON object per event for scripts.
class ConsoleSearchObserver : public SearchObserver {
  public:
    ConsoleSearchObserver(bool jsonLines, std::string costUnit);
    void onStarted(int firstEpoch, int epochs) override;
    void onStep(const StepMetrics& m) override;
    void onEpoch(const EpochMetrics& e) override;
    void onSamples(const SampleSet& s) override;
    void onCheckpoint(int epoch, const std::string& path) override;
    void onFinished(const SampleSet& final) override;
    void onError(const std::string& message) override;

  private:
    bool json_;
    std::string unit_;
    double tau_ = 0.0;
    std::chrono::steady_clock::time_point lastLine_{};
};

} // namespace dnas::cli
