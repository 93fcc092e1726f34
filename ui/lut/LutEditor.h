// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "ui/util/ErrorReporter.h"
#include <QWidget>
#include <functional>

class QLabel;
class QProgressBar;
class QSplitter;
class QTableView;
class QToolButton;

namespace dnas::ui {

class LutCheckPlot;
struct LutCheckOutcome;
class LutDocument;
class LutEditorToolBar;
class LutOperations;
class LutTableModel;
class StudyDocument;

// The study's LUT as an editable table (layers × ops) with its toolbar: open, save, import,
// export, measure here, check and calibrate on whole nets, fit, compare, scale, units and the
// study's cost model. A check's scatter opens beside the table; the LUT's last check and any
// setting it was measured with that differs from this machine show above it. Edits are undo
// steps on the study's stack. It follows the study: a study opened loads its LUT, a space edit
// changes the rows.
class LutEditor : public QWidget {
    Q_OBJECT
  public:
    // Asks for a file to save to; empty when the user cancels.
    using SavePathPrompt = std::function<QString()>;

    explicit LutEditor(StudyDocument* study, QWidget* parent = nullptr);

    StudyDocument* study() const { return study_; }
    LutDocument* document() const { return lut_; }
    LutTableModel* model() const { return model_; }
    LutOperations* operations() const { return ops_; }
    LutEditorToolBar* toolBar() const { return toolBar_; }
    QTableView* view() const { return view_; }
    LutCheckPlot* checkPlot() const { return checkPlot_; }
    QString statusText() const;
    // The warning strip's text: every measurement setting of the LUT that differs from this
    // machine's; empty (and the strip hidden) when none does.
    QString provenanceWarning() const;
    // The LUT's last check, as kept in its file; empty when it has none.
    QString lastCheckText() const;

    // Tests and scripted use replace the dialogs.
    void setErrorReporter(ErrorReporter reporter) { report_ = std::move(reporter); }
    void setSavePathPrompt(SavePathPrompt prompt) { savePath_ = std::move(prompt); }
    QString askSavePath() const { return savePath_(); }

    void copySelection() const;
    void pasteClipboard();
    void clearSelection(); // empties the selected cells (one undo step)

    // Called before the study is saved, so that Save keeps both: writes a modified LUT to its
    // file, or asks for one. False when the user cancels or the write fails.
    bool saveIfModified();

  protected:
    void showEvent(QShowEvent* event) override;

  private:
    void buildView();
    void updateInfo();
    void showProgress(int done, int total, const QString& what);
    void showCheck(const LutCheckOutcome& outcome);
    void updateProvenance();

    StudyDocument* study_;
    LutDocument* lut_;
    LutTableModel* model_;
    LutOperations* ops_;
    LutEditorToolBar* toolBar_ = nullptr;
    QTableView* view_ = nullptr;
    QSplitter* split_ = nullptr;
    LutCheckPlot* checkPlot_ = nullptr;
    QLabel* info_ = nullptr;
    QLabel* provenance_ = nullptr;
    QLabel* lastCheck_ = nullptr;
    QLabel* status_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QToolButton* cancel_ = nullptr;
    ErrorReporter report_;
    SavePathPrompt savePath_;
};

} // namespace dnas::ui
