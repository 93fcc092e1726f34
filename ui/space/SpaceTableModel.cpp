// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/space/SpaceTableModel.h"

#include "ui/util/NumberFormat.h"

#include <QBrush>
#include <QGuiApplication>
#include <QPalette>

namespace dnas::ui {

namespace {
QString joined(const std::vector<std::string>& names) {
    QStringList out;
    for (const auto& n : names)
        out << QString::fromStdString(n);
    return out.join(QStringLiteral(", "));
}

bool hasShape(const SpaceAnalysis::Row& r) {
    return r.h > 0;
}
} // namespace

SpaceTableModel::SpaceTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void SpaceTableModel::setAnalysis(const SpaceAnalysis& analysis) {
    beginResetModel();
    analysis_ = analysis;
    endResetModel();
}

int SpaceTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(analysis_.rows.size());
}

int SpaceTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SpaceTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& row = analysis_.rows[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return display(row, index.column());
    case RawValueRole:
        return raw(row, index.column());
    case Qt::ToolTipRole:
        return toolTip(row, index.column());
    case Qt::TextAlignmentRole:
        if (index.column() == Candidates)
            return int(Qt::AlignLeft | Qt::AlignVCenter);
        return int(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        if (row.kind != SpaceAnalysis::RowKind::Layer)
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    default:
        return {};
    }
}

QVariant SpaceTableModel::display(const SpaceAnalysis::Row& r, int column) const {
    switch (column) {
    case Stage:
        if (r.kind == SpaceAnalysis::RowKind::Stem)
            return tr("stem");
        if (r.kind == SpaceAnalysis::RowKind::Head)
            return tr("head");
        return tr("%1 · L%2").arg(r.stage).arg(r.layer);
    case Input:
        if (!hasShape(r))
            return QStringLiteral("?");
        return QStringLiteral("%1×%2×%3").arg(r.cIn).arg(r.h).arg(r.w);
    case COut:
        return r.cOut;
    case Stride:
        return r.stride;
    case Candidates:
        return joined(r.candidates);
    case MinMacs:
        return hasShape(r) ? NumberFormat::si(r.minMacs) : QString();
    case MaxMacs:
        return hasShape(r) ? NumberFormat::si(r.maxMacs) : QString();
    case MinLatency:
    case MaxLatency: {
        const auto& v = column == MinLatency ? r.minLatency : r.maxLatency;
        if (!v)
            return hasShape(r) && !analysis_.lutStatus.empty() ? QString() : QStringLiteral("—");
        return NumberFormat::micros(*v) + (r.missingLatency > 0 ? QStringLiteral(" ?") : QString());
    }
    default:
        return {};
    }
}

QVariant SpaceTableModel::raw(const SpaceAnalysis::Row& r, int column) const {
    switch (column) {
    case Stage:
        return r.stage;
    case Input:
        return r.cIn * r.h * r.w;
    case COut:
        return r.cOut;
    case Stride:
        return r.stride;
    case Candidates:
        return int(r.candidates.size());
    case MinMacs:
        return r.minMacs;
    case MaxMacs:
        return r.maxMacs;
    case MinLatency:
        return r.minLatency ? QVariant(*r.minLatency) : QVariant();
    case MaxLatency:
        return r.maxLatency ? QVariant(*r.maxLatency) : QVariant();
    default:
        return {};
    }
}

QVariant SpaceTableModel::toolTip(const SpaceAnalysis::Row& r, int column) const {
    if (column == Candidates)
        return tr("%n candidate(s)", nullptr, int(r.candidates.size()));
    if ((column == MinLatency || column == MaxLatency) && r.missingLatency > 0)
        return tr("%n candidate(s) of this layer are missing from the LUT", nullptr,
                  r.missingLatency);
    if ((column == MinMacs || column == MaxMacs) && hasShape(r))
        return tr("%1 multiply-adds").arg(qlonglong(column == MinMacs ? r.minMacs : r.maxMacs));
    return {};
}

QVariant SpaceTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Vertical) {
        if (role == Qt::DisplayRole && section >= 0 && section < rowCount())
            return section;
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Stage:
        return tr("Stage");
    case Input:
        return tr("Input c×h×w");
    case COut:
        return tr("C out");
    case Stride:
        return tr("Stride");
    case Candidates:
        return tr("Candidates");
    case MinMacs:
        return tr("MACs min");
    case MaxMacs:
        return tr("MACs max");
    case MinLatency:
        return tr("Latency min");
    case MaxLatency:
        return tr("Latency max");
    default:
        return {};
    }
}

} // namespace dnas::ui
