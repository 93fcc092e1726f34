// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/search/SweepJob.h"

#include "engine/search/StopPauseToken.h"
#include "engine/search/Sweeper.h"
#include "ui/search/HistoryReplayObserver.h"

#include <memory>

namespace dnas::ui {

namespace {
// Forwards a sweep's reports; a resumed target's search goes through a HistoryReplayObserver.
class SweepReplayObserver : public SweepObserver {
  public:
    explicit SweepReplayObserver(SweepObserver& target) : target_(target) {}

    void onTargetStarted(const SweepTarget& t) override {
        replay_.reset();
        if (t.resumed)
            replay_ = std::make_unique<HistoryReplayObserver>(t.run_dir, target_);
        target_.onTargetStarted(t);
    }
    void onStarted(int firstEpoch, int epochs) override { search().onStarted(firstEpoch, epochs); }
    void onStep(const StepMetrics& m) override { search().onStep(m); }
    void onEpoch(const EpochMetrics& e) override { search().onEpoch(e); }
    void onSamples(const SampleSet& s) override { search().onSamples(s); }
    void onCheckpoint(int epoch, const std::string& path) override {
        search().onCheckpoint(epoch, path);
    }
    void onFinished(const SampleSet& final) override { search().onFinished(final); }
    void onError(const std::string& message) override { search().onError(message); }
    void onRetrainStarted(const SweepTarget& t, SweepRetrain kind, int epochs) override {
        target_.onRetrainStarted(t, kind, epochs);
    }
    void onRetrainProgress(const TrainProgress& p) override { target_.onRetrainProgress(p); }
    void onTargetDone(const SweepTarget& t, const SweepTargetResult& r) override {
        target_.onTargetDone(t, r);
    }

  private:
    SearchObserver& search() { return replay_ ? *replay_ : static_cast<SearchObserver&>(target_); }

    SweepObserver& target_;
    std::unique_ptr<HistoryReplayObserver> replay_;
};
} // namespace

SearchJob makeSweepJob(const Study& study, const SweepPlan& plan, const std::string& sweepDir) {
    return [study, plan, sweepDir](SweepObserver& observer, StopPauseToken& control) {
        SweepReplayObserver forward(observer);
        Sweeper(study, plan, sweepDir).run(forward, control);
    };
}

} // namespace dnas::ui
