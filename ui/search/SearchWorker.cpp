// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/search/SearchWorker.h"

#include "engine/search/StopPauseToken.h"

#include <exception>

namespace dnas::ui {

SearchWorker::SearchWorker(QObject* parent) : QObject(parent) {}

void SearchWorker::execute(const SearchJob& job, std::shared_ptr<StopPauseToken> control) {
    errorReported_ = false;
    try {
        job(*this, *control);
    } catch (const std::exception& e) {
        // DnasError names the file and field; anything else (torch, bad_alloc) says what it is.
        if (!errorReported_)
            emit failed(QString::fromStdString(e.what()));
    } catch (...) {
        if (!errorReported_)
            emit failed(tr("the search failed with an unknown error"));
    }
    emit done();
}

void SearchWorker::onStarted(int firstEpoch, int epochs) {
    emit started(firstEpoch, epochs);
}

void SearchWorker::onStep(const StepMetrics& m) {
    emit step(m);
}

void SearchWorker::onEpoch(const EpochMetrics& m) {
    emit epoch(m);
}

void SearchWorker::onSamples(const SampleSet& s) {
    emit samples(s);
}

void SearchWorker::onCheckpoint(int epochIndex, const std::string& path) {
    emit checkpoint(epochIndex, QString::fromStdString(path));
}

void SearchWorker::onFinished(const SampleSet& final) {
    emit finalSamples(final);
}

void SearchWorker::onError(const std::string& message) {
    errorReported_ = true;
    emit failed(QString::fromStdString(message));
}

void SearchWorker::onTargetStarted(const SweepTarget& target) {
    emit targetStarted(target);
}

void SearchWorker::onRetrainStarted(const SweepTarget&, SweepRetrain, int epochs) {
    emit retrainStarted(epochs);
}

void SearchWorker::onRetrainProgress(const TrainProgress& progress) {
    emit retrainProgress(progress);
}

void SearchWorker::onTargetDone(const SweepTarget& target, const SweepTargetResult&) {
    emit targetDone(target);
}

} // namespace dnas::ui
