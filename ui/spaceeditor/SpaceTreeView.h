// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "ui/spaceeditor/ItemDrag.h"
#include "ui/spaceeditor/SpaceEditor.h"

#include <QTreeView>
#include <set>
#include <vector>

namespace dnas::ui {

class SpaceTreeModel;

// The space editor's tree: drags layers and candidates (SpaceTreeModel makes the payloads and
// takes the drops), edits c_out and stride in place, and keeps what was expanded and selected
// across the model resets that follow every edit. A candidate dragged out of the window and
// dropped where nothing takes it is removed from its layer.
class SpaceTreeView : public QTreeView {
    Q_OBJECT
  public:
    explicit SpaceTreeView(QWidget* parent = nullptr);

    void setSpaceModel(SpaceTreeModel* model);
    SpaceTreeModel* spaceModel() const { return model_; }
    void setDragExec(ItemDrag::Exec exec) { exec_ = std::move(exec); }

    // What is selected, by kind; stages as indexes into StageGroups.
    std::vector<int> selectedGroups() const;
    std::vector<int> selectedLayers() const;
    std::vector<SpaceEditor::CandidateRef> selectedCandidates() const;
    // The layer of the current item (a stage's last layer), -1 when there is none.
    int currentLayer() const;
    int currentGroup() const;
    void selectLayer(int layer);

  protected:
    void startDrag(Qt::DropActions supportedActions) override;

  private:
    // Where an item is, independent of model indexes: kind, stage group or layer, candidate.
    struct Place {
        int kind = 0, group = -1, layer = -1, candidate = -1;
        bool operator<(const Place& o) const;
    };
    Place placeOf(const QModelIndex& index) const;
    QModelIndex indexOf(const Place& place) const;
    void saveState();
    void restoreState();

    SpaceTreeModel* model_ = nullptr;
    ItemDrag::Exec exec_;
    std::set<int> collapsedGroups_; // stages start expanded, layers collapsed
    std::set<int> expandedLayers_;
    std::set<Place> selected_;
    Place current_;
};

} // namespace dnas::ui
