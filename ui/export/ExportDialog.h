// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "ui/export/ExportWorker.h"
#include "ui/util/ErrorReporter.h"

#include <QDialog>
#include <functional>
#include <map>
#include <string>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace dnas::ui {

class ExportController;

// File ▸ Export Model: retrains one architecture of a run from scratch in the background, then
// writes the chosen formats (ONNX, TorchScript, lite interpreter, arch_def JSON) to a folder
// and lists each file with the check it passed. Options: retraining epochs and images, formats,
// output folder. Errors are shown in a dialog naming what failed and where. Closing while a job
// runs cancels it; the dialog closes when the job has stopped.
class ExportDialog : public QDialog {
    Q_OBJECT
  public:
    using DirectoryChooser = std::function<QString(const QString& title, const QString& start)>;

    // `arch`: a canonical architecture string of the run's space.
    ExportDialog(const QString& runDir, const QString& arch, QWidget* parent = nullptr);
    ~ExportDialog() override;

    void setErrorReporter(ErrorReporter reporter) { report_ = std::move(reporter); }
    void setDirectoryChooser(DirectoryChooser chooser) { chooseDir_ = std::move(chooser); }

    // What the Export button does; false (with an error shown) when the options are unusable.
    bool startExport();

    QString architecture() const { return arch_; }
    QString runDir() const { return runDir_; }
    ExportController* controller() const { return controller_; }
    QSpinBox* epochsBox() const { return epochs_; }
    QSpinBox* limitBox() const { return limit_; }
    QCheckBox* formatBox(const std::string& format) const; // onnx, torchscript, ptl, arch_def
    QLineEdit* outputEdit() const { return outDir_; }
    QPushButton* exportButton() const { return exportButton_; }
    QProgressBar* progressBar() const { return progress_; }
    QLabel* statusLabel() const { return status_; }
    QPlainTextEdit* resultsView() const { return results_; }

  public slots:
    void reject() override;

  private:
    void onBusyChanged(bool busy);
    void onStage(ExportWorker::Stage stage);
    void onProgress(const dnas::TrainProgress& p);
    void onExported(const dnas::ExportResult& result);

    QString runDir_, arch_;
    ExportController* controller_;
    QSpinBox* epochs_;
    QSpinBox* limit_;
    std::map<std::string, QCheckBox*> formats_;
    QLineEdit* outDir_;
    QPushButton* browse_;
    QPushButton* exportButton_;
    QPushButton* closeButton_;
    QProgressBar* progress_;
    QLabel* status_;
    QPlainTextEdit* results_;
    ErrorReporter report_;
    DirectoryChooser chooseDir_;
    bool closeWhenDone_ = false; // closed while busy: close once the job has stopped
};

} // namespace dnas::ui
