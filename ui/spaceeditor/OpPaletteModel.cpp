// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/spaceeditor/OpPaletteModel.h"

#include "ui/spaceeditor/OpDescription.h"
#include "ui/spaceeditor/SpaceEditor.h"
#include "ui/spaceeditor/SpaceMime.h"

#include <QFont>

namespace dnas::ui {

OpPaletteModel::OpPaletteModel(SpaceEditor* editor, QObject* parent)
    : QAbstractListModel(parent), editor_(editor) {
    connect(editor_, &SpaceEditor::spaceChanged, this, &OpPaletteModel::reload);
    reload();
}

void OpPaletteModel::reload() {
    QStringList ops;
    for (const auto& n : editor_->space().opNames())
        ops << QString::fromStdString(n);
    if (ops == ops_) {
        // Same names, maybe a redefined op: only the descriptions change.
        if (!ops_.isEmpty())
            emit dataChanged(index(0), index(int(ops_.size()) - 1));
        return;
    }
    beginResetModel();
    ops_ = ops;
    endResetModel();
}

QModelIndex OpPaletteModel::indexOf(const QString& op) const {
    const int row = int(ops_.indexOf(op));
    return row < 0 ? QModelIndex() : index(row);
}

int OpPaletteModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(ops_.size());
}

QVariant OpPaletteModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QString& name = ops_[index.row()];
    const SearchSpace& space = editor_->space();
    const bool custom = !findBuiltinOp(name.toStdString());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return name;
    case Qt::ToolTipRole: {
        if (!space.hasOp(name.toStdString()))
            return name;
        const OpSpec& op = space.op(name.toStdString());
        return QStringLiteral("<b>%1</b> — %2<br>%3<br><i>%4</i>")
            .arg(name.toHtmlEscaped(), OpDescription::of(op), OpDescription::detail(op),
                 tr("Drag onto a layer or a stage, or select layers and press Return."));
    }
    case Qt::FontRole: {
        QFont f;
        f.setItalic(custom);
        return f;
    }
    case CustomRole:
        return custom;
    default:
        return {};
    }
}

Qt::ItemFlags OpPaletteModel::flags(const QModelIndex& index) const {
    if (!index.isValid())
        return Qt::ItemIsDropEnabled;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled |
           Qt::ItemNeverHasChildren;
}

QStringList OpPaletteModel::mimeTypes() const {
    return {QLatin1String(SpaceMime::kOp), QLatin1String(SpaceMime::kCandidate)};
}

QMimeData* OpPaletteModel::mimeData(const QModelIndexList& indexes) const {
    QStringList names;
    for (const QModelIndex& i : indexes)
        if (i.isValid())
            names << ops_[i.row()];
    return names.isEmpty() ? nullptr : SpaceMime::ops(names);
}

Qt::DropActions OpPaletteModel::supportedDragActions() const {
    return Qt::CopyAction;
}

Qt::DropActions OpPaletteModel::supportedDropActions() const {
    return Qt::CopyAction | Qt::MoveAction;
}

bool OpPaletteModel::canDropMimeData(const QMimeData* data, Qt::DropAction, int, int,
                                     const QModelIndex&) const {
    return !SpaceMime::candidatesOf(data, editor_).empty();
}

bool OpPaletteModel::dropMimeData(const QMimeData* data, Qt::DropAction, int, int,
                                  const QModelIndex&) {
    const auto candidates = SpaceMime::candidatesOf(data, editor_);
    return !candidates.empty() && editor_->removeCandidates(candidates);
}

} // namespace dnas::ui
