// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/spaceeditor/SpaceTreeModel.h"

#include "ui/spaceeditor/SpaceEditor.h"
#include "ui/spaceeditor/SpaceMime.h"

#include <QApplication>
#include <QBrush>
#include <QPalette>
#include <QStyle>

namespace dnas::ui {

namespace {
// Internal ids say what an index's parent is: a stage row has none, a layer row's parent is
// stage group (id - kLayerBase), a candidate row's parent is layer (id - kCandidateBase).
constexpr quintptr kStageRow = 0;
constexpr quintptr kLayerBase = 1;
constexpr quintptr kCandidateBase = quintptr(1) << 24; // above any group count
} // namespace

SpaceTreeModel::SpaceTreeModel(SpaceEditor* editor, QObject* parent)
    : QAbstractItemModel(parent), editor_(editor) {
    connect(editor_, &SpaceEditor::spaceChanged, this, &SpaceTreeModel::reload);
    reload();
}

void SpaceTreeModel::reload() {
    beginResetModel();
    cells_ = SpaceTreeCells(editor_->space(), editor_->analysis());
    endResetModel();
}

QModelIndex SpaceTreeModel::stageIndex(int group, int column) const {
    return index(group, column);
}

QModelIndex SpaceTreeModel::layerIndex(int layer, int column) const {
    const int g = StageGroups::groupOf(groups(), layer);
    if (g < 0)
        return {};
    return index(layer - groups()[size_t(g)].first, column, stageIndex(g));
}

QModelIndex SpaceTreeModel::candidateIndex(int layer, int candidate, int column) const {
    return index(candidate, column, layerIndex(layer));
}

SpaceTreeModel::Kind SpaceTreeModel::kindOf(const QModelIndex& index) const {
    const quintptr id = index.internalId();
    return id == kStageRow ? Kind::Stage : id < kCandidateBase ? Kind::Layer : Kind::Candidate;
}

int SpaceTreeModel::groupOf(const QModelIndex& index) const {
    if (!index.isValid())
        return -1;
    switch (kindOf(index)) {
    case Kind::Stage:
        return index.row();
    case Kind::Layer:
        return int(index.internalId() - kLayerBase);
    case Kind::Candidate:
        return StageGroups::groupOf(groups(), layerOf(index));
    }
    return -1;
}

int SpaceTreeModel::layerOf(const QModelIndex& index) const {
    if (!index.isValid())
        return -1;
    switch (kindOf(index)) {
    case Kind::Stage:
        return -1;
    case Kind::Layer:
        return groups()[size_t(groupOf(index))].first + index.row();
    case Kind::Candidate:
        return int(index.internalId() - kCandidateBase);
    }
    return -1;
}

int SpaceTreeModel::candidateOf(const QModelIndex& index) const {
    return index.isValid() && kindOf(index) == Kind::Candidate ? index.row() : -1;
}

SpaceTreeModel::Row SpaceTreeModel::rowOf(const QModelIndex& index) const {
    return {kindOf(index), groupOf(index), layerOf(index), candidateOf(index)};
}

QModelIndex SpaceTreeModel::index(int row, int column, const QModelIndex& parent) const {
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, kStageRow);
    if (kindOf(parent) == Kind::Stage)
        return createIndex(row, column, kLayerBase + quintptr(parent.row()));
    return createIndex(row, column, kCandidateBase + quintptr(layerOf(parent)));
}

QModelIndex SpaceTreeModel::parent(const QModelIndex& child) const {
    if (!child.isValid() || kindOf(child) == Kind::Stage)
        return {};
    if (kindOf(child) == Kind::Layer)
        return createIndex(groupOf(child), 0, kStageRow);
    const int layer = layerOf(child);
    const int g = StageGroups::groupOf(groups(), layer);
    return createIndex(layer - groups()[size_t(g)].first, 0, kLayerBase + quintptr(g));
}

int SpaceTreeModel::rowCount(const QModelIndex& parent) const {
    if (!parent.isValid())
        return int(groups().size());
    if (parent.column() != 0)
        return 0;
    switch (kindOf(parent)) {
    case Kind::Stage:
        return groups()[size_t(parent.row())].count;
    case Kind::Layer:
        return int(cells_.space().layers[size_t(layerOf(parent))].candidates.size());
    case Kind::Candidate:
        return 0;
    }
    return 0;
}

int SpaceTreeModel::columnCount(const QModelIndex&) const {
    return ColumnCount;
}

QVariant SpaceTreeModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Row row = rowOf(index);
    const bool editable =
        row.kind == Kind::Layer && (index.column() == COut || index.column() == Stride);
    switch (role) {
    case Qt::DisplayRole:
        return cells_.display(row, index.column());
    case Qt::EditRole:
        return editable ? cells_.display(row, index.column()) : QVariant();
    case Qt::ToolTipRole:
        return cells_.toolTip(row, index.column());
    case Qt::DecorationRole:
        if (index.column() == Name && !cells_.problems(row).isEmpty())
            return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
        return {};
    case Qt::ForegroundRole:
        if (index.column() == Problem)
            return QBrush(Qt::red);
        // A candidate's description is secondary; its costs are what it is chosen by.
        if (row.kind == Kind::Candidate && index.column() == Candidates)
            return QApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == COut || index.column() == Stride)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case KindRole:
        return int(row.kind);
    case LayerRole:
        return row.layer;
    case ProblemRole:
        return !cells_.problems(row).isEmpty();
    default:
        return {};
    }
}

bool SpaceTreeModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (role != Qt::EditRole || !index.isValid() || kindOf(index) != Kind::Layer)
        return false;
    bool ok = false;
    const int v = value.toInt(&ok);
    if (!ok)
        return false;
    if (index.column() == COut)
        return editor_->setCOut(layerOf(index), v);
    if (index.column() == Stride)
        return editor_->setStride(layerOf(index), v);
    return false;
}

Qt::ItemFlags SpaceTreeModel::flags(const QModelIndex& index) const {
    if (!index.isValid())
        return Qt::ItemIsDropEnabled;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDropEnabled;
    if (kindOf(index) != Kind::Stage)
        f |= Qt::ItemIsDragEnabled;
    if (kindOf(index) == Kind::Layer && (index.column() == COut || index.column() == Stride))
        f |= Qt::ItemIsEditable;
    if (kindOf(index) == Kind::Candidate)
        f |= Qt::ItemNeverHasChildren;
    return f;
}

QVariant SpaceTreeModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Stage / layer / op");
    case Input:
        return tr("Input c×h×w");
    case COut:
        return tr("C out");
    case Stride:
        return tr("Stride");
    case Candidates:
        return tr("Candidates");
    case Macs:
        return tr("MACs");
    case Latency:
        return tr("Latency");
    case Problem:
        return tr("Problem");
    default:
        return {};
    }
}

QStringList SpaceTreeModel::mimeTypes() const {
    return {QLatin1String(SpaceMime::kOp), QLatin1String(SpaceMime::kLayer),
            QLatin1String(SpaceMime::kCandidate)};
}

QMimeData* SpaceTreeModel::mimeData(const QModelIndexList& indexes) const {
    std::vector<int> layers;
    std::vector<SpaceEditor::CandidateRef> candidates;
    QStringList names;
    for (const QModelIndex& i : indexes) {
        if (i.column() != Name)
            continue;
        if (kindOf(i) == Kind::Layer)
            layers.push_back(layerOf(i));
        if (kindOf(i) != Kind::Candidate)
            continue;
        candidates.push_back({layerOf(i), i.row()});
        names << i.data().toString();
    }
    // A selection of layers moves the layers; candidates go only when no layer is dragged.
    if (!layers.empty())
        return SpaceMime::layers(editor_, layers);
    if (!candidates.empty())
        return SpaceMime::candidates(editor_, candidates, names);
    return nullptr;
}

Qt::DropActions SpaceTreeModel::supportedDropActions() const {
    return Qt::CopyAction | Qt::MoveAction;
}

Qt::DropActions SpaceTreeModel::supportedDragActions() const {
    return Qt::CopyAction | Qt::MoveAction;
}

SpaceDrop::Target SpaceTreeModel::dropTarget(int row, const QModelIndex& parent) const {
    SpaceDrop::Target t;
    t.position = row;
    if (!parent.isValid())
        return t;
    t.group = groupOf(parent);
    if (kindOf(parent) == Kind::Stage)
        return t;
    t.layer = layerOf(parent);
    if (kindOf(parent) == Kind::Candidate)
        t.position = parent.row();
    return t;
}

bool SpaceTreeModel::canDropMimeData(const QMimeData* data, Qt::DropAction action, int row, int,
                                     const QModelIndex& parent) const {
    return SpaceDrop::canDrop(*editor_, data, action, dropTarget(row, parent));
}

bool SpaceTreeModel::dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int,
                                  const QModelIndex& parent) {
    // The edit resets this model (it follows the space), so the target is resolved first.
    return SpaceDrop::drop(*editor_, data, action, dropTarget(row, parent));
}

} // namespace dnas::ui
