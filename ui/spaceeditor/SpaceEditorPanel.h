// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/space/OpSpec.h"
#include "ui/util/ErrorReporter.h"

#include <QWidget>
#include <functional>
#include <optional>

class QLabel;

namespace dnas {
class SearchSpace;
}

namespace dnas::ui {

class MissingLutWidget;
class OpPaletteModel;
class OpPaletteView;
class SpaceEditor;
class SpaceEditorActions;
class SelectionEdits;
class SpaceSummaryWidget;
class SpaceTreeModel;
class SpaceTreeView;
class StudyDocument;

// The search-space editor: the op palette, the space as a tree of stages, layers and
// candidates, a live summary (architectures, supernet size, MAC and latency ranges, what the
// LUT lacks, with a measurement of it), the problems that make the space invalid, and import /
// export of spaces and mobile-vision arch_defs. Every edit is an undo command of the document.
class SpaceEditorPanel : public QWidget {
    Q_OBJECT
  public:
    // save: a file to write, else one to read.
    using FileChooser =
        std::function<QString(bool save, const QString& title, const QString& filter)>;
    using OpDialog = std::function<std::optional<OpSpec>(const SearchSpace& space,
                                                         const OpSpec& start, bool editing)>;
    // Whether an imported arch_def's layers also get FBNet's nine blocks as candidates.
    using Question = std::function<bool(const QString& title, const QString& text)>;

    explicit SpaceEditorPanel(StudyDocument* document, QWidget* parent = nullptr);

    SpaceEditor* editor() const { return editor_; }
    SpaceTreeModel* model() const { return model_; }
    SpaceTreeView* tree() const { return tree_; }
    OpPaletteModel* paletteModel() const { return paletteModel_; }
    OpPaletteView* palette() const { return palette_; }
    SpaceSummaryWidget* summary() const { return summary_; }
    MissingLutWidget* missingLut() const { return missingLut_; }
    SpaceEditorActions* actions() const { return actions_; }
    QString problemText() const;

    // Tests and scripted use replace the dialogs.
    void setFileChooser(FileChooser chooser) { chooseFile_ = std::move(chooser); }
    void setOpDialog(OpDialog dialog) { opDialog_ = std::move(dialog); }
    void setErrorReporter(ErrorReporter reporter) { report_ = std::move(reporter); }
    void setQuestion(Question question) { ask_ = std::move(question); }

    bool importSpace(const QString& path);
    bool importArchDef(const QString& path, bool withFbnetOps);
    bool exportSpace(const QString& path);

    SelectionEdits* commands() const { return commands_; }
    // New / Edit Custom Op: the dialog, then the edit.
    bool newOp();
    bool editOp();

  private:
    QWidget* makePalettePane();
    QWidget* makeSummaryPane();
    void connectActions();
    void refresh();
    bool reportIfFailed(bool ok, const QString& title);

    StudyDocument* document_;
    SpaceEditor* editor_;
    SpaceEditorActions* actions_;
    SelectionEdits* commands_ = nullptr;
    OpPaletteModel* paletteModel_ = nullptr;
    OpPaletteView* palette_ = nullptr;
    SpaceTreeModel* model_ = nullptr;
    SpaceTreeView* tree_ = nullptr;
    SpaceSummaryWidget* summary_ = nullptr;
    MissingLutWidget* missingLut_ = nullptr;
    QLabel* banner_ = nullptr;
    FileChooser chooseFile_;
    OpDialog opDialog_;
    ErrorReporter report_;
    Question ask_;
};

} // namespace dnas::ui
