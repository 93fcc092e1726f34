// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/spaceeditor/SpaceTreeView.h"

#include "ui/spaceeditor/LayerFieldDelegate.h"
#include "ui/spaceeditor/SpaceTreeModel.h"

#include <QCursor>
#include <QHeaderView>
#include <tuple>

namespace dnas::ui {

namespace {
using Kind = SpaceTreeModel::Kind;
constexpr int kCandidatesWidth = 260; // pixels: about five op names before the list is elided
} // namespace

bool SpaceTreeView::Place::operator<(const Place& o) const {
    return std::tie(kind, group, layer, candidate) <
           std::tie(o.kind, o.group, o.layer, o.candidate);
}

SpaceTreeView::SpaceTreeView(QWidget* parent) : QTreeView(parent) {
    setObjectName(QStringLiteral("spaceTree"));
    setDragEnabled(true);
    setAcceptDrops(true);
    setDropIndicatorShown(true);
    setDragDropMode(QAbstractItemView::DragDrop);
    setDefaultDropAction(Qt::MoveAction);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    setAllColumnsShowFocus(true);
    setAlternatingRowColors(true);
    setUniformRowHeights(true);
    setItemDelegate(new LayerFieldDelegate(this));
}

void SpaceTreeView::setSpaceModel(SpaceTreeModel* model) {
    model_ = model;
    setModel(model);
    connect(model, &QAbstractItemModel::modelAboutToBeReset, this, &SpaceTreeView::saveState);
    connect(model, &QAbstractItemModel::modelReset, this, &SpaceTreeView::restoreState);
    header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    header()->setSectionResizeMode(SpaceTreeModel::Candidates, QHeaderView::Interactive);
    header()->resizeSection(SpaceTreeModel::Candidates, kCandidatesWidth);
    header()->setStretchLastSection(true);
    restoreState();
}

SpaceTreeView::Place SpaceTreeView::placeOf(const QModelIndex& index) const {
    if (!index.isValid())
        return {};
    return {int(model_->kindOf(index)), model_->groupOf(index), model_->layerOf(index),
            model_->candidateOf(index)};
}

QModelIndex SpaceTreeView::indexOf(const Place& p) const {
    switch (Kind(p.kind)) {
    case Kind::Stage:
        return model_->stageIndex(p.group);
    case Kind::Layer:
        return model_->layerIndex(p.layer);
    case Kind::Candidate:
        return model_->candidateIndex(p.layer, p.candidate);
    }
    return {};
}

void SpaceTreeView::saveState() {
    collapsedGroups_.clear();
    expandedLayers_.clear();
    selected_.clear();
    for (int g = 0; g < model_->rowCount(); ++g) {
        const QModelIndex stage = model_->stageIndex(g);
        if (!isExpanded(stage))
            collapsedGroups_.insert(g);
        for (int r = 0; r < model_->rowCount(stage); ++r)
            if (isExpanded(model_->index(r, 0, stage)))
                expandedLayers_.insert(model_->layerOf(model_->index(r, 0, stage)));
    }
    for (const QModelIndex& i : selectionModel()->selectedRows())
        selected_.insert(placeOf(i));
    current_ = placeOf(currentIndex());
}

void SpaceTreeView::restoreState() {
    for (int g = 0; g < model_->rowCount(); ++g)
        setExpanded(model_->stageIndex(g), !collapsedGroups_.count(g));
    for (int l : expandedLayers_)
        setExpanded(model_->layerIndex(l), true);
    const QModelIndex current = indexOf(current_);
    if (current.isValid())
        selectionModel()->setCurrentIndex(current, QItemSelectionModel::NoUpdate);
    QItemSelection selection;
    for (const Place& p : selected_) {
        const QModelIndex i = indexOf(p);
        if (i.isValid())
            selection.select(i, i.siblingAtColumn(SpaceTreeModel::ColumnCount - 1));
    }
    selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
}

std::vector<int> SpaceTreeView::selectedGroups() const {
    std::vector<int> out;
    for (const QModelIndex& i : selectionModel()->selectedRows())
        if (model_->kindOf(i) == Kind::Stage)
            out.push_back(i.row());
    return out;
}

std::vector<int> SpaceTreeView::selectedLayers() const {
    std::vector<int> out;
    for (const QModelIndex& i : selectionModel()->selectedRows())
        if (model_->kindOf(i) == Kind::Layer)
            out.push_back(model_->layerOf(i));
    return out;
}

std::vector<SpaceEditor::CandidateRef> SpaceTreeView::selectedCandidates() const {
    std::vector<SpaceEditor::CandidateRef> out;
    for (const QModelIndex& i : selectionModel()->selectedRows())
        if (model_->kindOf(i) == Kind::Candidate)
            out.push_back({model_->layerOf(i), i.row()});
    return out;
}

int SpaceTreeView::currentLayer() const {
    const QModelIndex i = currentIndex();
    if (!i.isValid())
        return -1;
    if (model_->kindOf(i) != Kind::Stage)
        return model_->layerOf(i);
    const auto groups = StageGroups::of(model_->editor()->space());
    return groups[size_t(i.row())].end() - 1;
}

int SpaceTreeView::currentGroup() const {
    return model_->groupOf(currentIndex());
}

void SpaceTreeView::selectLayer(int layer) {
    const QModelIndex i = model_->layerIndex(layer);
    if (!i.isValid())
        return;
    scrollTo(i);
    selectionModel()->setCurrentIndex(i, QItemSelectionModel::ClearAndSelect |
                                             QItemSelectionModel::Rows);
}

void SpaceTreeView::startDrag(Qt::DropActions supportedActions) {
    // Taken before the drag: a drop edits the space and resets the model.
    const auto candidates =
        selectedLayers().empty() ? selectedCandidates() : std::vector<SpaceEditor::CandidateRef>{};
    const Qt::DropAction result = ItemDrag::start(this, supportedActions, Qt::MoveAction, exec_);
    if (result != Qt::IgnoreAction || candidates.empty())
        return;
    if (!window()->frameGeometry().contains(QCursor::pos()))
        model_->editor()->removeCandidates(candidates);
}

} // namespace dnas::ui
