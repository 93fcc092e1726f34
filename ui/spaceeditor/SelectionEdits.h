// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QObject>

namespace dnas::ui {

class OpPaletteView;
class SpaceEditor;
class SpaceEditorActions;
class SpaceTreeView;

// What the editor's actions do to the current selection: add, duplicate, move and remove
// layers, stages and candidates, and put the palette's op onto the selected layers.
class SelectionEdits : public QObject {
    Q_OBJECT
  public:
    SelectionEdits(SpaceEditor* editor, SpaceEditorActions* actions, SpaceTreeView* tree,
                   OpPaletteView* palette, QObject* parent = nullptr);

    bool addLayer();
    bool addStage();
    bool duplicateLayer();
    // Delete: the selected candidates, layers and stages (one undo step), or, with the focus
    // in the palette, its custom op.
    bool removeSelected();
    bool addPaletteOpToSelection();
    bool moveSelected(int delta);

  private:
    std::vector<int> selectedLayersAndStages() const;

    SpaceEditor* editor_;
    SpaceTreeView* tree_;
    OpPaletteView* palette_;
};

} // namespace dnas::ui
