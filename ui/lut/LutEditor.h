// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "ui/util/ErrorReporter.h"
#include <QWidget>
#include <functional>

class QLabel;
class QProgressBar;
class QTableView;
class QToolButton;

namespace dnas::ui {

class LutDocument;
class LutEditorToolBar;
class LutOperations;
class LutTableModel;
class StudyDocument;

// The study's LUT as an editable table (layers × ops) with its toolbar: open, save, import,
// export, measure here, fit, compare, scale, units and the study's cost model. Edits are undo
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
    QString statusText() const;

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

    StudyDocument* study_;
    LutDocument* lut_;
    LutTableModel* model_;
    LutOperations* ops_;
    LutEditorToolBar* toolBar_ = nullptr;
    QTableView* view_ = nullptr;
    QLabel* info_ = nullptr;
    QLabel* status_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QToolButton* cancel_ = nullptr;
    ErrorReporter report_;
    SavePathPrompt savePath_;
};

} // namespace dnas::ui
