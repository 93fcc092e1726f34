// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/search/SearchObserver.h"

#include <string>

namespace dnas::ui {

// Forwards a resumed search's reports, preceded by what the run did before it stopped: when the
// engine starts (after it has cut the run folder's logs back to the checkpoint) the logs are
// read and reported as steps, epochs and samples in the order a live run reports them. So the
// views of a resumed run show the whole run, not only the epochs after the resume.
class HistoryReplayObserver : public SearchObserver {
  public:
    HistoryReplayObserver(std::string runDir, SearchObserver& target)
        : runDir_(std::move(runDir)), target_(target) {}

    void onStarted(int firstEpoch, int epochs) override;
    void onStep(const StepMetrics& m) override { target_.onStep(m); }
    void onEpoch(const EpochMetrics& m) override { target_.onEpoch(m); }
    void onSamples(const SampleSet& s) override { target_.onSamples(s); }
    void onCheckpoint(int epoch, const std::string& path) override {
        target_.onCheckpoint(epoch, path);
    }
    void onFinished(const SampleSet& final) override { target_.onFinished(final); }
    void onError(const std::string& message) override { target_.onError(message); }

  private:
    void replay();

    std::string runDir_;
    SearchObserver& target_;
    bool replayed_ = false;
};

} // namespace dnas::ui
