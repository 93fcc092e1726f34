// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/search/SearchSession.h"

#include "engine/search/RunReader.h"
#include "engine/search/StopPauseToken.h"
#include "engine/search/Study.h"
#include "ui/search/RunFolderFollower.h"
#include "ui/search/SearchWorker.h"

namespace dnas::ui {

namespace {
template <class... Ts> struct Overloaded : Ts... { using Ts::operator()...; };
template <class... Ts> Overloaded(Ts...) -> Overloaded<Ts...>;
} // namespace

SearchSession::SearchSession(std::unique_ptr<SearchJobFactory> factory, QObject* parent)
    : QObject(parent), factory_(std::move(factory)), worker_(new SearchWorker) {
    registerSearchMetaTypes();
    thread_.setObjectName(QStringLiteral("dnas-search"));
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
    connect(worker_, &SearchWorker::started, this, &SearchSession::started);
    connect(worker_, &SearchWorker::step, this, &SearchSession::receiveStep);
    connect(worker_, &SearchWorker::epoch, this, [this](const EpochMetrics& m) { enqueue(m); });
    connect(worker_, &SearchWorker::samples, this, [this](const SampleSet& s) { enqueue(s); });
    connect(worker_, &SearchWorker::finalSamples, this,
            [this](const SampleSet& s) { enqueue(Final{s}); });
    connect(worker_, &SearchWorker::checkpoint, this, [this](int epoch, const QString& path) {
        enqueue(Checkpoint{epoch, path});
    });
    connect(worker_, &SearchWorker::failed, this, [this](const QString& message) {
        flush();
        emit errorOccurred(message);
    });
    connect(worker_, &SearchWorker::targetStarted, this, &SearchSession::beginTarget);
    connect(worker_, &SearchWorker::retrainStarted, this, [this](int epochs) {
        flush(); // the search's last events first
        emit retrainStarted(epochs);
    });
    connect(worker_, &SearchWorker::retrainProgress, this, [this](const TrainProgress& p) {
        retrain_ = p; // coalesced like steps: the latest at the next flush
        if (!flushTimer_.isActive())
            flushTimer_.start();
    });
    connect(worker_, &SearchWorker::targetDone, this, [this](const SweepTarget& t) {
        flush();
        emit sweepTargetDone(QString::fromStdString(t.run_dir));
    });
    connect(worker_, &SearchWorker::done, this, &SearchSession::runEnded);
    flushTimer_.setInterval(kFlushIntervalMs);
    flushTimer_.setSingleShot(true);
    connect(&flushTimer_, &QTimer::timeout, this, &SearchSession::flush);
    thread_.start();
}

SearchSession::~SearchSession() {
    // Shutdown is the one place the GUI thread waits: ask the engine to stop first.
    if (control_)
        control_->requestStop();
    thread_.quit();
    thread_.wait();
}

bool SearchSession::refuseWhenBusy() {
    if (state_ == State::Following) {
        follower_->stop();
        follower_.reset();
        setState(State::Idle);
    }
    if (state_ == State::Idle)
        return false;
    emit errorOccurred(tr("A search is already running in %1.").arg(runDir_));
    return true;
}

bool SearchSession::start(const Study& study, const QString& runDir) {
    if (refuseWhenBusy())
        return false;
    if (!startJob(factory_->newRun(study, runDir.toStdString()), runDir))
        return false;
    emit runStudy(study);
    return true;
}

bool SearchSession::resumeRun(const QString& runDir) {
    if (refuseWhenBusy())
        return false;
    if (!startJob(factory_->resume(runDir.toStdString()), runDir))
        return false;
    try {
        emit runStudy(RunReader(runDir.toStdString()).study());
    } catch (const std::exception&) {
        // Not readable here: the worker reports why when the engine tries.
    }
    return true;
}

bool SearchSession::startJob(const SearchJob& job, const QString& runDir) {
    if (refuseWhenBusy())
        return false;
    sweeping_ = false;
    launch(job, runDir, true);
    return true;
}

bool SearchSession::startSweep(const Study& study, const SweepPlan& plan, const QString& sweepDir) {
    if (refuseWhenBusy())
        return false;
    sweeping_ = true;
    sweepStudy_ = study;
    sweepPlan_ = plan;
    // The sweep folder is no run folder: the views wait for the first target's.
    launch(factory_->sweep(study, plan, sweepDir.toStdString()), sweepDir, false);
    return true;
}

void SearchSession::launch(const SearchJob& job, const QString& runDir, bool announce) {
    control_ = std::make_shared<StopPauseToken>();
    runDir_ = runDir;
    steps_.clear();
    events_.clear();
    retrain_.reset();
    if (announce)
        emit runStarted(runDir_);
    setState(State::Running);
    QMetaObject::invokeMethod(
        worker_, [worker = worker_, job, control = control_] { worker->execute(job, control); },
        Qt::QueuedConnection);
}

void SearchSession::beginTarget(const SweepTarget& target) {
    flush(); // the previous target's events belong to its views
    emit sweepTargetStarted(target);
    if (target.searched)
        return; // searched before this sweep: nothing to show live
    runDir_ = QString::fromStdString(target.run_dir);
    emit runStarted(runDir_);
    if (target.resumed) {
        try {
            emit runStudy(RunReader(target.run_dir).study());
            return;
        } catch (const std::exception&) {
            // Not readable here: the engine says why when it tries.
        }
    }
    Study one = sweepStudy_;
    one.settings.steerTo(sweepPlan_.targetCost(static_cast<size_t>(target.index)));
    emit runStudy(one);
}

bool SearchSession::followRun(const QString& runDir) {
    if (refuseWhenBusy())
        return false;
    QString error;
    follower_ = RunFolderFollower::open(runDir, &error);
    if (!follower_) {
        emit errorOccurred(error);
        return false;
    }
    RunFolderFollower* f = follower_.get();
    connect(f, &RunFolderFollower::started, this, &SearchSession::started);
    connect(f, &RunFolderFollower::step, this, &SearchSession::receiveStep);
    connect(f, &RunFolderFollower::epoch, this, [this](const EpochMetrics& m) { enqueue(m); });
    connect(f, &RunFolderFollower::samples, this, [this](const SampleSet& s) { enqueue(s); });
    connect(f, &RunFolderFollower::finalSamples, this,
            [this](const SampleSet& s) { enqueue(Final{s}); });
    connect(f, &RunFolderFollower::failed, this, [this](const QString& message) {
        flush();
        emit errorOccurred(message);
    });
    connect(f, &RunFolderFollower::done, this, &SearchSession::runEnded, Qt::QueuedConnection);
    runDir_ = f->runDir();
    steps_.clear();
    events_.clear();
    emit runStarted(runDir_);
    emit runStudy(f->study());
    setState(State::Following);
    f->start();
    return true;
}

void SearchSession::pause() {
    if (state_ != State::Running)
        return;
    control_->pause();
    setState(State::Paused);
}

void SearchSession::resume() {
    if (state_ != State::Paused)
        return;
    control_->resume();
    setState(State::Running);
}

void SearchSession::stop() {
    if (state_ == State::Following) {
        follower_->stop();
        runEnded();
        return;
    }
    if (state_ != State::Running && state_ != State::Paused)
        return;
    control_->requestStop(); // also wakes a paused worker
    setState(State::Stopping);
}

void SearchSession::setState(State s) {
    if (s == state_)
        return;
    state_ = s;
    emit stateChanged(s);
}

void SearchSession::receiveStep(const StepMetrics& m) {
    steps_.push_back(m);
    if (!flushTimer_.isActive())
        flushTimer_.start();
}

void SearchSession::enqueue(Event e) {
    events_.push_back(std::move(e));
    if (!flushTimer_.isActive())
        flushTimer_.start();
}

void SearchSession::flush() {
    flushTimer_.stop();
    if (!steps_.empty()) {
        const std::vector<StepMetrics> steps = std::move(steps_);
        steps_.clear();
        emit stepsUpdated(steps);
    }
    if (retrain_) {
        const TrainProgress p = *retrain_;
        retrain_.reset();
        emit retrainProgress(p);
    }
    while (!events_.empty()) {
        const Event e = std::move(events_.front());
        events_.pop_front();
        std::visit(Overloaded{
                       [this](const EpochMetrics& m) { emit epochAdded(m); },
                       [this](const SampleSet& s) { emit samplesAdded(s); },
                       [this](const Final& f) { emit finalSamples(f.samples); },
                       [this](const Checkpoint& c) { emit checkpointWritten(c.epoch, c.path); },
                   },
                   e);
    }
}

void SearchSession::runEnded() {
    if (state_ == State::Idle)
        return; // a followed run's late "done" after stop()
    flush();
    if (follower_)
        follower_.release()->deleteLater(); // may be inside its own signal
    setState(State::Idle);
    emit finished();
    sweeping_ = false;
}

} // namespace dnas::ui
