// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/search/SweepObserver.h"
#include "ui/search/SearchJobFactory.h"
#include "ui/search/SearchMetaTypes.h"

#include <QObject>
#include <memory>

namespace dnas::ui {

// Lives on the search thread. Runs one SearchJob at a time and turns the engine's observer
// calls (a search's, and a sweep's between its searches) into signals carrying plain value
// structs (queued to the GUI thread by the connections).
class SearchWorker : public QObject, public SweepObserver {
    Q_OBJECT
  public:
    explicit SearchWorker(QObject* parent = nullptr);

    // Runs `job` to its end on the calling (worker) thread; emits done() last, whatever happens.
    void execute(const SearchJob& job, std::shared_ptr<StopPauseToken> control);

    void onStarted(int firstEpoch, int epochs) override;
    void onStep(const StepMetrics& m) override;
    void onEpoch(const EpochMetrics& m) override;
    void onSamples(const SampleSet& s) override;
    void onCheckpoint(int epoch, const std::string& path) override;
    void onFinished(const SampleSet& final) override;
    void onError(const std::string& message) override;
    void onTargetStarted(const SweepTarget& target) override;
    void onRetrainStarted(const SweepTarget& target, SweepRetrain kind, int epochs) override;
    void onRetrainProgress(const TrainProgress& progress) override;
    void onTargetDone(const SweepTarget& target, const SweepTargetResult& result) override;

  signals:
    void started(int firstEpoch, int epochs);
    void step(const dnas::StepMetrics& m);
    void epoch(const dnas::EpochMetrics& m);
    void samples(const dnas::SampleSet& s);
    void checkpoint(int epoch, const QString& path);
    void finalSamples(const dnas::SampleSet& s);
    void failed(const QString& message);
    void targetStarted(const dnas::SweepTarget& target);
    void retrainStarted(int epochs);
    void retrainProgress(const dnas::TrainProgress& progress);
    void targetDone(const dnas::SweepTarget& target);
    void done();

  private:
    // onError already told the GUI; a following throw is the same error
    bool errorReported_ = false;
};

} // namespace dnas::ui
