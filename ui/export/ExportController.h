// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "ui/export/ExportMetaTypes.h"
#include "ui/export/ExportWorker.h"

#include <QObject>
#include <QThread>
#include <memory>

namespace dnas {
class StopPauseToken;
}

namespace dnas::ui {

// Runs "retrain, then export" jobs on their own thread, one at a time, so the GUI keeps
// painting while a network trains. Cancel stops the retraining after its current step; the
// export that follows a finished retraining runs to its end (seconds).
// The GUI thread never waits on the job, except in the destructor after requesting a stop.
class ExportController : public QObject {
    Q_OBJECT
  public:
    explicit ExportController(QObject* parent = nullptr);
    ~ExportController() override;

    bool isBusy() const { return busy_; }
    // False (with failed()) when a job is running already.
    bool start(const ExportPlan& plan);
    void cancel();
    bool cancelRequested() const;

  signals:
    void busyChanged(bool busy);
    void stageChanged(dnas::ui::ExportWorker::Stage stage);
    void trainProgress(const dnas::TrainProgress& progress);
    void exported(const dnas::ExportResult& result);
    void failed(const QString& message);
    void canceled();
    void finished(); // after exactly one of exported, failed or canceled

  private:
    void setBusy(bool busy);

    QThread thread_;
    ExportWorker* worker_; // lives on thread_, deleted when it finishes
    std::shared_ptr<StopPauseToken> control_;
    bool busy_ = false;
};

} // namespace dnas::ui
