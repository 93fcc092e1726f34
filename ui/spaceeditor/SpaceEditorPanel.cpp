// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/spaceeditor/SpaceEditorPanel.h"

#include "engine/export/ArchDefSpace.h"
#include "engine/util/DnasError.h"
#include "engine/util/JsonFile.h"
#include "ui/space/SpaceSummaryWidget.h"
#include "ui/spaceeditor/CustomOpDialog.h"
#include "ui/spaceeditor/MissingLutWidget.h"
#include "ui/spaceeditor/OpPaletteModel.h"
#include "ui/spaceeditor/OpPaletteView.h"
#include "ui/spaceeditor/SelectionEdits.h"
#include "ui/spaceeditor/SpaceEditor.h"
#include "ui/spaceeditor/SpaceEditorActions.h"
#include "ui/spaceeditor/SpaceTreeModel.h"
#include "ui/spaceeditor/SpaceTreeView.h"
#include "ui/study/StudyDocument.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QSplitter>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace dnas::ui {

namespace {
const char* const kSpaceFilter = QT_TRANSLATE_NOOP(
    "SpaceEditorPanel", "Search spaces (*.space.json);;JSON (*.json);;All files (*)");
const char* const kArchDefFilter =
    QT_TRANSLATE_NOOP("SpaceEditorPanel", "arch_def (*.json);;All files (*)");
constexpr int kPaletteWidth = 150;  // pixels: the longest op name and a scroll bar
constexpr int kTreeWidth = 1000;    // pixels: the tree's columns at their natural widths
constexpr int kTreeHeight = 500;    // pixels: a few stages with their layers
constexpr int kSummaryHeight = 190; // pixels: the summary's rows
constexpr int kTreeStretch = 1;     // the tree takes what the other panes leave
constexpr int kSummaryStretch = 3;  // the summary beside the LUT measurement, 3 : 2
constexpr int kMissingLutStretch = 2;
} // namespace

SpaceEditorPanel::SpaceEditorPanel(StudyDocument* document, QWidget* parent)
    : QWidget(parent), document_(document), editor_(new SpaceEditor(document, this)),
      actions_(new SpaceEditorActions(this)) {
    setObjectName(QStringLiteral("spaceEditor"));
    chooseFile_ = [this](bool save, const QString& title, const QString& filter) {
        return save ? QFileDialog::getSaveFileName(this, title, QString(), filter)
                    : QFileDialog::getOpenFileName(this, title, QString(), filter);
    };
    opDialog_ = [this](const SearchSpace& space, const OpSpec& start, bool editing) {
        CustomOpDialog dialog(space, this);
        if (editing)
            dialog.setOp(start, true);
        return dialog.exec() == QDialog::Accepted ? std::optional<OpSpec>(dialog.op())
                                                  : std::nullopt;
    };
    report_ = [this](const QString& title, const QString& text) {
        QMessageBox::warning(this, title, text);
    };
    ask_ = [this](const QString& title, const QString& text) {
        return QMessageBox::question(this, title, text) == QMessageBox::Yes;
    };

    model_ = new SpaceTreeModel(editor_, this);
    tree_ = new SpaceTreeView(this);
    tree_->setSpaceModel(model_);
    tree_->setContextMenuPolicy(Qt::ActionsContextMenu);
    tree_->addActions({actions_->addLayer, actions_->addStage, actions_->duplicate,
                       actions_->remove, actions_->moveUp, actions_->moveDown,
                       actions_->addOpToLayers});

    banner_ = new QLabel(this);
    banner_->setObjectName(QStringLiteral("spaceProblems"));
    banner_->setWordWrap(true);
    banner_->setStyleSheet(
        QStringLiteral("QLabel { background: #fdecea; color: #8a1c14; padding: 4px; }"));

    // The tree over the summary, with the palette beside both.
    auto* centre = new QSplitter(Qt::Vertical, this);
    centre->addWidget(tree_);
    centre->addWidget(makeSummaryPane());
    centre->setChildrenCollapsible(false);
    centre->setStretchFactor(0, kTreeStretch);
    centre->setStretchFactor(1, 0);
    centre->setSizes({kTreeHeight, kSummaryHeight});
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(makePalettePane());
    split->addWidget(centre);
    split->setChildrenCollapsible(false);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, kTreeStretch);
    split->setSizes({kPaletteWidth, kTreeWidth});

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(actions_->makeToolBar(this));
    layout->addWidget(banner_);
    layout->addWidget(split, 1);

    connectActions();
    connect(editor_, &SpaceEditor::spaceChanged, this, &SpaceEditorPanel::refresh);
    refresh();
}

QWidget* SpaceEditorPanel::makePalettePane() {
    auto* pane = new QWidget(this);
    paletteModel_ = new OpPaletteModel(editor_, this);
    palette_ = new OpPaletteView(pane);
    palette_->setModel(paletteModel_);
    palette_->setContextMenuPolicy(Qt::ActionsContextMenu);
    palette_->addActions(
        {actions_->addOpToLayers, actions_->newOp, actions_->editOp, actions_->remove});
    palette_->setToolTip(
        tr("Drag an op onto a layer or a stage; drop a candidate here to remove it"));
    auto* title = new QLabel(tr("<b>&Ops</b>"), pane);
    title->setBuddy(palette_);
    auto* add = new QToolButton(pane);
    add->setDefaultAction(actions_->newOp);
    add->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto* v = new QVBoxLayout(pane);
    v->setContentsMargins(4, 4, 0, 4);
    v->addWidget(title);
    v->addWidget(palette_, 1);
    v->addWidget(add);
    return pane;
}

QWidget* SpaceEditorPanel::makeSummaryPane() {
    auto* pane = new QWidget(this);
    summary_ = new SpaceSummaryWidget(pane);
    missingLut_ = new MissingLutWidget(editor_, pane);
    auto* h = new QHBoxLayout(pane);
    h->setContentsMargins(4, 4, 4, 4);
    h->addWidget(summary_, kSummaryStretch, Qt::AlignTop);
    h->addWidget(missingLut_, kMissingLutStretch, Qt::AlignTop);
    return pane;
}

void SpaceEditorPanel::connectActions() {
    commands_ = new SelectionEdits(editor_, actions_, tree_, palette_, this);
    connect(actions_->newOp, &QAction::triggered, this, &SpaceEditorPanel::newOp);
    connect(actions_->editOp, &QAction::triggered, this, &SpaceEditorPanel::editOp);
    connect(actions_->importSpace, &QAction::triggered, this, [this] {
        const QString path = chooseFile_(false, tr("Import Space"), tr(kSpaceFilter));
        if (!path.isEmpty())
            importSpace(path);
    });
    connect(actions_->importArchDef, &QAction::triggered, this, [this] {
        const QString path = chooseFile_(false, tr("Import arch_def"), tr(kArchDefFilter));
        if (path.isEmpty())
            return;
        importArchDef(path, ask_(tr("Import arch_def"),
                                 tr("Each block becomes a layer whose candidates start with that "
                                    "block's op. Add FBNet's nine blocks to every layer too?")));
    });
    connect(actions_->exportSpace, &QAction::triggered, this, [this] {
        const QString path = chooseFile_(true, tr("Export Space"), tr(kSpaceFilter));
        if (!path.isEmpty())
            exportSpace(path);
    });
    connect(palette_->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &SpaceEditorPanel::refresh);
    connect(tree_->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &SpaceEditorPanel::refresh);
}

void SpaceEditorPanel::refresh() {
    const SpaceAnalysis& a = editor_->analysis();
    summary_->setAnalysis(a, QString::fromStdString(editor_->space().name));
    if (a.issues.empty()) {
        banner_->clear();
    } else {
        banner_->setText(tr("The space is not valid (%n problem(s)); Start is disabled until it "
                            "is fixed. First: %1",
                            nullptr, int(a.issues.size()))
                             .arg(QString::fromStdString(a.issues.front().toString())));
    }
    banner_->setVisible(!a.issues.empty());
    const bool layer = tree_->currentLayer() >= 0;
    actions_->duplicate->setEnabled(layer);
    actions_->moveUp->setEnabled(layer);
    actions_->moveDown->setEnabled(layer);
    actions_->editOp->setEnabled(
        editor_->space().custom_ops.count(palette_->currentOp().toStdString()) > 0);
}

QString SpaceEditorPanel::problemText() const {
    return banner_->isVisibleTo(this) ? banner_->text() : QString();
}

bool SpaceEditorPanel::reportIfFailed(bool ok, const QString& title) {
    if (ok)
        return true;
    if (!title.isEmpty())
        report_(title, editor_->lastError());
    return false;
}

bool SpaceEditorPanel::importSpace(const QString& path) {
    SearchSpace space;
    try {
        // An invalid space opens too: the editor flags what is wrong, in place.
        space = SearchSpace::fromJson(readJsonFile(path.toStdString()), path.toStdString(), false);
    } catch (const std::exception& e) {
        report_(tr("Cannot import the space"), QString::fromStdString(e.what()));
        return false;
    }
    return reportIfFailed(
        editor_->replaceSpace(space, tr("Import space %1").arg(QFileInfo(path).fileName())),
        tr("Cannot import the space"));
}

bool SpaceEditorPanel::importArchDef(const QString& path, bool withFbnetOps) {
    const SearchSpace& current = editor_->space();
    ArchDefSpace::Options options;
    if (withFbnetOps)
        options.moreCandidates = fbnetOpNames();
    options.inputSize = current.input_size;
    SearchSpace space;
    try {
        space = ArchDefSpace::load(path.toStdString(), options);
    } catch (const std::exception& e) {
        report_(tr("Cannot import the arch_def"), QString::fromStdString(e.what()));
        return false;
    }
    // The data set decides input and classes; the arch_def brings the layers.
    space.input_channels = current.input_channels;
    space.input_size = current.input_size;
    space.num_classes = current.num_classes;
    return reportIfFailed(
        editor_->replaceSpace(space, tr("Import arch_def %1").arg(QFileInfo(path).fileName())),
        tr("Cannot import the arch_def"));
}

bool SpaceEditorPanel::exportSpace(const QString& path) {
    try {
        editor_->space().save(path.toStdString());
        return true;
    } catch (const std::exception& e) {
        report_(tr("Cannot export the space"), QString::fromStdString(e.what()));
        return false;
    }
}

bool SpaceEditorPanel::newOp() {
    const auto op = opDialog_(editor_->space(), OpSpec{}, false);
    if (!op)
        return false;
    if (!reportIfFailed(editor_->defineOp(*op), tr("Cannot define the op")))
        return false;
    palette_->setCurrentIndex(paletteModel_->indexOf(QString::fromStdString(op->name)));
    return true;
}

bool SpaceEditorPanel::editOp() {
    const QString name = palette_->currentOp();
    const auto it = editor_->space().custom_ops.find(name.toStdString());
    if (it == editor_->space().custom_ops.end())
        return false;
    const auto op = opDialog_(editor_->space(), it->second, true);
    return op && reportIfFailed(editor_->defineOp(*op), tr("Cannot redefine the op"));
}

} // namespace dnas::ui
