// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/spaceeditor/SpaceEditorActions.h"

#include <QAction>
#include <QMenu>
#include <QStyle>
#include <QToolBar>
#include <QToolButton>
#include <QWidget>

namespace dnas::ui {

namespace {
QAction* make(QWidget* owner, const QString& text, const QKeySequence& key, const QString& tip,
              QStyle::StandardPixmap icon = QStyle::SP_CustomBase) {
    auto* a = new QAction(text, owner);
    a->setShortcut(key);
    // Only while the editor has the focus: the main window has its own keys.
    a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    a->setToolTip(key.isEmpty()
                      ? tip
                      : QStringLiteral("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
    a->setStatusTip(tip);
    if (icon != QStyle::SP_CustomBase)
        a->setIcon(owner->style()->standardIcon(icon));
    owner->addAction(a);
    return a;
}
} // namespace

SpaceEditorActions::SpaceEditorActions(QWidget* w) : QObject(w) {
    addLayer = make(w, tr("Add &Layer"), QKeySequence(Qt::CTRL | Qt::Key_L),
                    tr("Add a layer after the current one, with its channels and candidates"));
    addStage = make(w, tr("Add &Stage"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L),
                    tr("Add a stage after the current one, starting with one layer"));
    duplicate = make(w, tr("&Duplicate Layer"), QKeySequence(Qt::CTRL | Qt::Key_D),
                     tr("Insert a copy of the current layer after it"));
    remove =
        make(w, tr("&Remove"), QKeySequence(Qt::Key_Delete),
             tr("Remove the selected candidates, layers or stages (or the palette's custom op)"),
             QStyle::SP_TrashIcon);
    moveUp = make(w, tr("Move &Up"), QKeySequence(Qt::ALT | Qt::Key_Up),
                  tr("Move the layer (or candidate) up; at a stage's top, into the stage above"),
                  QStyle::SP_ArrowUp);
    moveDown = make(w, tr("Move Do&wn"), QKeySequence(Qt::ALT | Qt::Key_Down),
                    tr("Move the layer (or candidate) down; at a stage's end, into the next stage"),
                    QStyle::SP_ArrowDown);
    addOpToLayers = make(w, tr("Add &Op to Selection"), QKeySequence(Qt::CTRL | Qt::Key_Return),
                         tr("Add the palette's current op to the selected layers or stages"));
    newOp = make(w, tr("&New Custom Op…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N),
                 tr("Define a block of your own: kernel, expansion, groups, SE, activation"));
    editOp = make(w, tr("&Edit Custom Op…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M),
                  tr("Change the palette's current custom op"));
    importSpace =
        make(w, tr("&Import Space…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I),
             tr("Replace the space with a *.space.json file"), QStyle::SP_DialogOpenButton);
    importArchDef = make(w, tr("Import &arch_def…"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_I),
                         tr("Start from a mobile-vision arch_def: each block becomes a layer"));
    exportSpace = make(w, tr("E&xport Space…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E),
                       tr("Save the space as a *.space.json file"), QStyle::SP_DialogSaveButton);
    clearLayers = make(w, tr("&Clear Layers"), QKeySequence(),
                       tr("Remove every layer, keeping input, stem, head and custom ops"));
}

QToolBar* SpaceEditorActions::makeToolBar(QWidget* parent) const {
    auto* bar = new QToolBar(parent);
    bar->setObjectName(QStringLiteral("spaceEditorToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addActions({addLayer, addStage, duplicate, remove});
    bar->addSeparator();
    bar->addActions({moveUp, moveDown});
    bar->addSeparator();
    bar->addActions({addOpToLayers, newOp});
    bar->addSeparator();
    // The whole-space file actions behind one button, so the edits above keep their room.
    auto* files = new QMenu(bar);
    files->addActions({importSpace, importArchDef, exportSpace});
    files->addSeparator();
    files->addAction(clearLayers);
    auto* button = new QToolButton(bar);
    button->setText(tr("S&pace"));
    button->setIcon(bar->style()->standardIcon(QStyle::SP_DirIcon));
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setPopupMode(QToolButton::InstantPopup);
    button->setMenu(files);
    button->setToolTip(tr("Import and export the space, import an arch_def"));
    bar->addWidget(button);
    return bar;
}

} // namespace dnas::ui
