// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/export/ExportDialog.h"

#include "engine/search/Study.h"
#include "engine/util/JsonFile.h"
#include "ui/export/ExportController.h"
#include "ui/export/ExportPlan.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace dnas::ui {

namespace {
constexpr int kProgressSteps = 1000; // progress bar resolution: fractions of the whole retraining
constexpr int kMaxEpochs = 10000;
constexpr int kMaxImages = 2000000000; // QSpinBox is int; more than any dataset here
constexpr int kResultLines = 8;        // height of the result list, in text lines
constexpr int kMinWidthChars = 90;     // wide enough for a run folder's export path

struct FormatChoice {
    const char* name; // ModelExporter's format name
    const char* label;
};
const FormatChoice kFormats[] = {
    {"onnx", QT_TRANSLATE_NOOP("ExportDialog", "ONNX (model.onnx)")},
    {"torchscript", QT_TRANSLATE_NOOP("ExportDialog", "TorchScript (model.pt)")},
    {"ptl", QT_TRANSLATE_NOOP("ExportDialog", "PyTorch Mobile lite interpreter (model.ptl)")},
    {"arch_def", QT_TRANSLATE_NOOP("ExportDialog", "mobile-vision arch_def (arch_def.json)")},
};

// The run's retraining recipe (the study's "train" section), else the engine's defaults.
TrainSettings studyTrainSettings(const QString& runDir) {
    try {
        const std::string file = QDir(runDir).filePath(QStringLiteral("study.json")).toStdString();
        return Study::fromJson(readJsonFile(file), file).train;
    } catch (const std::exception&) {
        return {}; // Export reports what is wrong with the run
    }
}
} // namespace

ExportDialog::ExportDialog(const QString& runDir, const QString& arch, QWidget* parent)
    : QDialog(parent), runDir_(runDir), arch_(arch), controller_(new ExportController(this)) {
    setWindowTitle(tr("Export Model"));
    setMinimumWidth(fontMetrics().averageCharWidth() * kMinWidthChars);
    report_ = [this](const QString& title, const QString& text) {
        QMessageBox::critical(this, title, text);
    };
    chooseDir_ = [this](const QString& title, const QString& start) {
        return QFileDialog::getExistingDirectory(this, title, start);
    };

    auto* archLabel = new QLabel(arch_, this);
    archLabel->setObjectName(QStringLiteral("architecture"));
    archLabel->setWordWrap(true);
    archLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    const TrainSettings defaults = studyTrainSettings(runDir_);
    epochs_ = new QSpinBox(this);
    epochs_->setRange(0, kMaxEpochs);
    epochs_->setValue(defaults.epochs);
    epochs_->setSpecialValueText(tr("no retraining"));
    epochs_->setToolTip(tr("Retrain the architecture from scratch for this many epochs; "
                           "without retraining the run's trained weights (dnas train) are "
                           "exported, else untrained ones."));
    limit_ = new QSpinBox(this);
    limit_->setRange(0, kMaxImages);
    limit_->setValue(static_cast<int>(defaults.limit));
    limit_->setSpecialValueText(tr("all"));
    limit_->setToolTip(tr("Train on the first N images of the training set (and test on as "
                          "many)."));
    auto* formats = new QVBoxLayout;
    for (const FormatChoice& f : kFormats) {
        auto* box = new QCheckBox(tr(f.label), this);
        box->setChecked(true);
        formats->addWidget(box);
        formats_[f.name] = box;
    }
    outDir_ = new QLineEdit(QDir(runDir_).filePath(QStringLiteral("export")), this);
    browse_ = new QPushButton(tr("Browse…"), this);
    auto* outRow = new QHBoxLayout;
    outRow->addWidget(outDir_, 1);
    outRow->addWidget(browse_);
    connect(browse_, &QPushButton::clicked, this, [this] {
        const QString dir = chooseDir_(tr("Export To"), outDir_->text());
        if (!dir.isEmpty())
            outDir_->setText(dir);
    });

    auto* form = new QFormLayout;
    form->addRow(tr("Architecture:"), archLabel);
    form->addRow(tr("Run:"), new QLabel(QDir::toNativeSeparators(runDir_), this));
    form->addRow(tr("Retrain epochs:"), epochs_);
    form->addRow(tr("Training images:"), limit_);
    form->addRow(tr("Formats:"), formats);
    form->addRow(tr("Output folder:"), outRow);

    progress_ = new QProgressBar(this);
    progress_->setRange(0, kProgressSteps);
    progress_->setValue(0);
    status_ = new QLabel(tr("Ready."), this);
    status_->setWordWrap(true);
    results_ = new QPlainTextEdit(this);
    results_->setReadOnly(true);
    results_->setLineWrapMode(QPlainTextEdit::NoWrap);
    results_->setFixedHeight(results_->fontMetrics().lineSpacing() * kResultLines);
    results_->setPlaceholderText(tr("The written files and their checks appear here."));

    auto* buttons = new QDialogButtonBox(this);
    exportButton_ = buttons->addButton(tr("Export"), QDialogButtonBox::AcceptRole);
    closeButton_ = buttons->addButton(QDialogButtonBox::Close);
    connect(exportButton_, &QPushButton::clicked, this, [this] { startExport(); });
    connect(closeButton_, &QPushButton::clicked, this, &ExportDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(progress_);
    layout->addWidget(status_);
    layout->addWidget(results_);
    layout->addWidget(buttons);

    connect(controller_, &ExportController::busyChanged, this, &ExportDialog::onBusyChanged);
    connect(controller_, &ExportController::stageChanged, this, &ExportDialog::onStage);
    connect(controller_, &ExportController::trainProgress, this, &ExportDialog::onProgress);
    connect(controller_, &ExportController::exported, this, &ExportDialog::onExported);
    connect(controller_, &ExportController::failed, this, [this](const QString& message) {
        status_->setText(tr("Failed."));
        report_(tr("Export failed"), message);
    });
    connect(controller_, &ExportController::canceled, this, [this] {
        progress_->setValue(0);
        status_->setText(tr("Canceled: the retraining stopped and nothing was written."));
    });
    connect(controller_, &ExportController::finished, this, [this] {
        if (closeWhenDone_)
            QDialog::reject();
    });
}

ExportDialog::~ExportDialog() = default;

QCheckBox* ExportDialog::formatBox(const std::string& format) const {
    const auto it = formats_.find(format);
    return it == formats_.end() ? nullptr : it->second;
}

bool ExportDialog::startExport() {
    if (controller_->isBusy())
        return false;
    const QString title = tr("Cannot export");
    ExportPlan plan;
    try {
        plan = ExportPlan::forRun(runDir_.toStdString(), arch_.toStdString());
    } catch (const std::exception& e) {
        report_(title, QString::fromStdString(e.what()));
        return false;
    }
    plan.formats.clear();
    for (const auto& [name, box] : formats_)
        if (box->isChecked())
            plan.formats.push_back(name);
    if (plan.formats.empty()) {
        report_(title, tr("Choose at least one format."));
        return false;
    }
    const QString out = outDir_->text().trimmed();
    if (out.isEmpty()) {
        report_(title, tr("Choose an output folder."));
        return false;
    }
    if (!QDir().mkpath(out) || !QFileInfo(out).isWritable()) {
        report_(
            title,
            tr("Cannot create or write the output folder %1.").arg(QDir::toNativeSeparators(out)));
        return false;
    }
    plan.outDir = QFileInfo(out).absoluteFilePath().toStdString();
    plan.train.epochs = epochs_->value();
    plan.train.limit = limit_->value();
    results_->clear();
    progress_->setValue(0);
    return controller_->start(plan);
}

void ExportDialog::reject() {
    if (!controller_->isBusy())
        return QDialog::reject();
    closeWhenDone_ = true;
    controller_->cancel();
    status_->setText(tr("Canceling…"));
}

void ExportDialog::onBusyChanged(bool busy) {
    for (QWidget* w :
         std::initializer_list<QWidget*>{epochs_, limit_, outDir_, browse_, exportButton_})
        w->setEnabled(!busy);
    for (const auto& [name, box] : formats_)
        box->setEnabled(!busy);
    closeButton_->setText(busy ? tr("Cancel") : tr("Close"));
}

void ExportDialog::onStage(ExportWorker::Stage stage) {
    if (stage == ExportWorker::Stage::Training) {
        status_->setText(tr("Retraining %1 from scratch…").arg(arch_));
    } else {
        progress_->setRange(0, 0); // busy indicator: the export has no steps to count
        status_->setText(tr("Writing and checking the model files…"));
    }
}

void ExportDialog::onProgress(const dnas::TrainProgress& p) {
    const double total = static_cast<double>(p.steps) * p.epochs;
    const double done = static_cast<double>(p.epoch) * p.steps + p.step;
    progress_->setValue(total > 0 ? static_cast<int>(kProgressSteps * done / total) : 0);
    if (p.test_accuracy >= 0)
        status_->setText(tr("Retraining: epoch %1 of %2, test accuracy %3%")
                             .arg(p.epoch + 1)
                             .arg(p.epochs)
                             .arg(100.0 * p.test_accuracy, 0, 'f', 2));
    else
        status_->setText(tr("Retraining: epoch %1 of %2, step %3 of %4, loss %5, %6 images/s")
                             .arg(p.epoch + 1)
                             .arg(p.epochs)
                             .arg(p.step)
                             .arg(p.steps)
                             .arg(p.loss, 0, 'f', 4)
                             .arg(p.images_per_s, 0, 'f', 0));
}

void ExportDialog::onExported(const dnas::ExportResult& result) {
    progress_->setRange(0, kProgressSteps);
    progress_->setValue(kProgressSteps);
    QStringList failures;
    for (const auto& f : result.files) {
        const QString line =
            QStringLiteral("%1  [%2]  %3")
                .arg(QString::fromStdString(f.path), QString::fromStdString(f.format),
                     QString::fromStdString(f.check));
        results_->appendPlainText(line);
        if (!f.ok)
            failures << line;
    }
    for (const auto& n : result.notes)
        results_->appendPlainText(tr("note: %1").arg(QString::fromStdString(n)));
    const QString dir = QDir::toNativeSeparators(outDir_->text().trimmed());
    if (failures.isEmpty()) {
        status_->setText(tr("Exported to %1.").arg(dir));
        return;
    }
    status_->setText(tr("Exported to %1, but some checks failed.").arg(dir));
    report_(tr("Export check failed"),
            tr("These files do not reproduce the network's outputs:\n%1").arg(failures.join('\n')));
}

} // namespace dnas::ui
