// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QObject>

class QAction;
class QToolBar;
class QWidget;

namespace dnas::ui {

// The space editor's actions, each with a shortcut that works while the editor has the focus,
// so every drag-and-drop edit also has a keyboard path. SpaceEditorPanel connects them.
class SpaceEditorActions : public QObject {
    Q_OBJECT
  public:
    explicit SpaceEditorActions(QWidget* editor);

    // Layers and stages (the tree).
    QAction* addLayer;
    QAction* addStage;
    QAction* duplicate;
    QAction* remove; // Delete: candidates, layers, stages; in the palette: a custom op
    QAction* moveUp;
    QAction* moveDown;
    // Ops (the palette).
    QAction* addOpToLayers; // the palette's op onto the selected layers or stages
    QAction* newOp;
    QAction* editOp;
    // The whole space.
    QAction* importSpace;
    QAction* importArchDef;
    QAction* exportSpace;
    QAction* clearLayers;

    QToolBar* makeToolBar(QWidget* parent) const;
};

} // namespace dnas::ui
