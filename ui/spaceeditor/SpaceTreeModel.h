// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "ui/spaceeditor/SpaceDrop.h"
#include "ui/spaceeditor/SpaceTreeCells.h"
#include "ui/spaceeditor/SpaceTreeLayout.h"

#include <QAbstractItemModel>

namespace dnas::ui {

class SpaceEditor;

// The editable search space as a tree: stages, their layers in order, each layer's candidates
// (the cells are SpaceTreeCells'). c_out and stride are editable. Drag-and-drop: ops
// (application/x-dnas-op) onto a layer or candidate add candidates, onto a stage add them to
// every layer of it; layers (application/x-dnas-layer) move between places and stages;
// candidates (application/x-dnas-candidate) move to other layers. Every change goes through
// SpaceEditor, and the model follows the space it edits (a reset per change).
class SpaceTreeModel : public QAbstractItemModel, public SpaceTreeLayout {
    Q_OBJECT
  public:
    static constexpr int KindRole = Qt::UserRole + 1;    // int(Kind)
    static constexpr int LayerRole = Qt::UserRole + 2;   // the layer's index in the space
    static constexpr int ProblemRole = Qt::UserRole + 3; // true where validation finds a problem

    explicit SpaceTreeModel(SpaceEditor* editor, QObject* parent = nullptr);

    SpaceEditor* editor() const { return editor_; }
    QModelIndex stageIndex(int group, int column = Name) const;
    QModelIndex layerIndex(int layer, int column = Name) const;
    QModelIndex candidateIndex(int layer, int candidate, int column = Name) const;
    Kind kindOf(const QModelIndex& index) const;
    int layerOf(const QModelIndex& index) const; // -1 for a stage
    int groupOf(const QModelIndex& index) const;
    int candidateOf(const QModelIndex& index) const; // -1 unless a candidate

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;
    Qt::DropActions supportedDropActions() const override;
    Qt::DropActions supportedDragActions() const override;
    bool canDropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                         const QModelIndex& parent) const override;
    bool dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                      const QModelIndex& parent) override;

  private:
    void reload();
    Row rowOf(const QModelIndex& index) const;
    SpaceDrop::Target dropTarget(int row, const QModelIndex& parent) const;
    const std::vector<StageGroup>& groups() const { return cells_.groups(); }

    SpaceEditor* editor_;
    SpaceTreeCells cells_;
};

} // namespace dnas::ui
