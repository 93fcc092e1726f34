// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "ui/export/ExportMetaTypes.h"
#include "ui/export/ExportPlan.h"

#include <QObject>
#include <memory>

namespace dnas {
class StopPauseToken;
}

namespace dnas::ui {

// Lives on the export thread. Retrains the plan's architecture from scratch (dnas::Trainer),
// then writes and checks the chosen formats (dnas::ModelExporter), reporting with signals that
// carry plain values (queued to the GUI thread by the connections).
class ExportWorker : public QObject {
    Q_OBJECT
  public:
    enum class Stage { Training, Exporting };
    Q_ENUM(Stage)

    explicit ExportWorker(QObject* parent = nullptr);

    // Runs the whole job on the calling (export) thread; emits exactly one of exported(),
    // failed() or canceled(), then done().
    void execute(const dnas::ui::ExportPlan& plan, std::shared_ptr<dnas::StopPauseToken> control);

  signals:
    void stageChanged(dnas::ui::ExportWorker::Stage stage);
    void trainProgress(const dnas::TrainProgress& progress);
    void exported(const dnas::ExportResult& result);
    void failed(const QString& message);
    void canceled();
    void done();
};

} // namespace dnas::ui
