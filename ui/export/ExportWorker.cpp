// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/export/ExportWorker.h"

#include "engine/search/StopPauseToken.h"
#include "engine/train/Trainer.h"

#include <exception>

namespace dnas::ui {

ExportWorker::ExportWorker(QObject* parent) : QObject(parent) {}

void ExportWorker::execute(const ExportPlan& plan, std::shared_ptr<StopPauseToken> control) {
    try {
        ExportRequest request;
        request.space = plan.space;
        request.arch = plan.arch;
        request.formats = plan.formats;
        request.luts = plan.luts;
        request.outDir = plan.outDir;
        if (plan.train.epochs > 0) {
            emit stageChanged(Stage::Training);
            Trainer trainer(plan.space, plan.arch, plan.dataset, plan.studyFile, plan.train);
            const TrainResult trained = trainer.run(
                plan.trainDir(), [this](const TrainProgress& p) { emit trainProgress(p); },
                control.get());
            if (control->stopRequested()) {
                emit canceled();
                emit done();
                return;
            }
            request.weights = trained.weights_path;
            request.trainJson = plan.trainDir() + "/train.json";
        } else {
            request.weights = plan.weightsWithoutTraining();
        }
        emit stageChanged(Stage::Exporting);
        emit exported(ModelExporter::exportModel(request));
    } catch (const std::exception& e) {
        // DnasError names the file and field; filesystem errors name the path.
        emit failed(QString::fromStdString(e.what()));
    } catch (...) {
        emit failed(tr("the export failed with an unknown error"));
    }
    emit done();
}

} // namespace dnas::ui
