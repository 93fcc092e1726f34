// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "ui/search/SearchJobFactory.h"
#include "ui/search/SearchMetaTypes.h"

#include "engine/search/Study.h"
#include "engine/search/SweepPlan.h"

#include <QObject>
#include <QThread>
#include <QTimer>
#include <deque>
#include <memory>
#include <optional>
#include <variant>
#include <vector>

namespace dnas {
class StopPauseToken;
}

namespace dnas::ui {

class RunFolderFollower;
class SearchWorker;

// Runs a search on its own thread (or follows a run folder) and feeds the views. Engine events
// are coalesced: the latest step and a queue of epoch / sample events are flushed at most every
// kFlushIntervalMs, so the views replot at ~25 Hz however fast the engine reports.
// The GUI thread never waits on the engine, except in the destructor after requesting a stop.
class SearchSession : public QObject {
    Q_OBJECT
  public:
    enum class State { Idle, Running, Paused, Stopping, Following };
    Q_ENUM(State)
    static constexpr int kFlushIntervalMs = 40; // 25 Hz: smooth for plots, cheap for the GUI

    explicit SearchSession(std::unique_ptr<SearchJobFactory> factory, QObject* parent = nullptr);
    ~SearchSession() override;

    State state() const { return state_; }
    QString runDir() const { return runDir_; }
    bool isBusy() const { return state_ != State::Idle; }

    // Each returns false (and emits errorOccurred) when a search is already running.
    bool start(const Study& study, const QString& runDir);
    bool resumeRun(const QString& runDir);
    bool startJob(const SearchJob& job, const QString& runDir);
    // A sweep (engine/search/Sweeper) in `sweepDir` as one job: runDir() and the views follow
    // each target's run folder in turn (runStarted per target whose search runs), pause and
    // stop act on the whole sweep. Starting one over a stopped sweep's folder resumes it.
    bool startSweep(const Study& study, const SweepPlan& plan, const QString& sweepDir);
    bool isSweeping() const { return sweeping_; }
    // Shows a run folder written elsewhere; false with errorOccurred when it is not one.
    bool followRun(const QString& runDir);

    void pause(); // the worker blocks between steps, using no CPU
    void resume();
    void stop(); // the engine finishes the step, writes a checkpoint and returns

  signals:
    void runStarted(const QString& runDir); // views clear what they show
    // The study a run searches (its frozen copy for a resumed or followed run), when known.
    void runStudy(const dnas::Study& study);
    void started(int firstEpoch, int epochs);
    // The steps since the last flush, in order; back() is the latest.
    void stepsUpdated(const std::vector<dnas::StepMetrics>& steps);
    void epochAdded(const dnas::EpochMetrics& epoch);
    void samplesAdded(const dnas::SampleSet& samples);
    void finalSamples(const dnas::SampleSet& samples);
    void checkpointWritten(int epoch, const QString& path);
    void stateChanged(dnas::ui::SearchSession::State state);
    void errorOccurred(const QString& message);
    void finished();
    // A sweep's progress: a target begins (before its runStarted), its net's retraining runs,
    // the target is done (searched and retrained: its run folder is complete).
    void sweepTargetStarted(const dnas::SweepTarget& target);
    void retrainStarted(int epochs);
    void retrainProgress(const dnas::TrainProgress& progress);
    void sweepTargetDone(const QString& runDir);

  private:
    struct Checkpoint {
        int epoch;
        QString path;
    };
    struct Final {
        SampleSet samples;
    };
    using Event = std::variant<EpochMetrics, SampleSet, Final, Checkpoint>;

    void setState(State s);
    void receiveStep(const StepMetrics& m);
    void enqueue(Event e);
    void flush();
    void runEnded();
    bool refuseWhenBusy();
    void launch(const SearchJob& job, const QString& runDir, bool announce);
    void beginTarget(const SweepTarget& target);

    std::unique_ptr<SearchJobFactory> factory_;
    QThread thread_;
    SearchWorker* worker_; // lives on thread_, deleted when it finishes
    std::shared_ptr<StopPauseToken> control_;
    std::unique_ptr<RunFolderFollower> follower_;
    QTimer flushTimer_;
    State state_ = State::Idle;
    QString runDir_;
    bool sweeping_ = false;
    Study sweepStudy_; // a sweep's study, to tell the views each target's
    SweepPlan sweepPlan_;
    std::vector<StepMetrics> steps_; // since the last flush
    std::deque<Event> events_;
    std::optional<TrainProgress> retrain_; // a sweep's latest retraining step, not yet shown
};

} // namespace dnas::ui
