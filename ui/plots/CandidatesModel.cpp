// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/CandidatesModel.h"
#include "ui/util/Units.h"

#include <QFont>

namespace dnas::ui {

namespace {
// Above this many changed rows one range signal is cheaper than one signal per row.
constexpr size_t kMaxRowSignals = 64;
} // namespace

CandidatesModel::CandidatesModel(QObject* parent) : QAbstractTableModel(parent) {}

void CandidatesModel::addSamples(const dnas::SampleSet& set) {
    if (!set.cost_unit.empty())
        costUnit_ = QString::fromStdString(set.cost_unit);
    if (set.samples.empty())
        return;
    const int first = static_cast<int>(samples_.size());
    beginInsertRows(QModelIndex(), first, first + static_cast<int>(set.samples.size()) - 1);
    samples_.insert(samples_.end(), set.samples.begin(), set.samples.end());
    front_.resize(samples_.size(), false);
    endInsertRows();
}

void CandidatesModel::clear() {
    beginResetModel();
    samples_.clear();
    front_.clear();
    endResetModel();
}

void CandidatesModel::setFront(const std::vector<size_t>& rows) {
    std::vector<bool> next(samples_.size(), false);
    for (size_t r : rows)
        if (r < next.size())
            next[r] = true;
    // The front moves by a few points per epoch: announce only those rows, so a sorted proxy
    // over 10,000 rows does not re-sort them all.
    std::vector<int> changed;
    for (size_t r = 0; r < next.size(); ++r)
        if (next[r] != front_[r])
            changed.push_back(static_cast<int>(r));
    front_ = std::move(next);
    if (changed.size() > kMaxRowSignals) {
        emit dataChanged(index(changed.front(), 0), index(changed.back(), ColumnCount - 1));
        return;
    }
    for (int r : changed)
        emit dataChanged(index(r, 0), index(r, ColumnCount - 1));
}

bool CandidatesModel::isOnFront(int row) const {
    return row >= 0 && static_cast<size_t>(row) < front_.size() && front_[static_cast<size_t>(row)];
}

const dnas::SampledArchitecture& CandidatesModel::sample(int row) const {
    return samples_.at(static_cast<size_t>(row));
}

int CandidatesModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(samples_.size());
}

int CandidatesModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CandidatesModel::sortValue(const dnas::SampledArchitecture& s, int row, int column) const {
    switch (column) {
    case Epoch:
        return s.epoch;
    case Arch:
        return QString::fromStdString(s.arch);
    case Accuracy:
        return s.accuracy;
    case Cost:
        return s.cost;
    case Macs:
        return s.macs;
    case Params:
        return s.params;
    case LogProb:
        return s.log_prob;
    case Front:
        return isOnFront(row);
    case Argmax:
        return s.is_argmax;
    default:
        return {};
    }
}

QString CandidatesModel::displayText(const dnas::SampledArchitecture& s, int row,
                                     int column) const {
    switch (column) {
    case Epoch:
        return QString::number(s.epoch);
    case Arch:
        return QString::fromStdString(s.arch);
    case Accuracy:
        return QString::number(s.accuracy * kPercent, 'f', 2);
    case Cost:
        return QString::number(s.cost, 'f', 1);
    case Macs:
        return QString::number(s.macs / kMillion, 'f', 1);
    case Params:
        return QString::number(s.params / kMillion, 'f', 2);
    case LogProb:
        return QString::number(s.log_prob, 'f', 2);
    case Front:
        return isOnFront(row) ? tr("yes") : QString();
    case Argmax:
        return s.is_argmax ? tr("argmax") : QString();
    default:
        return {};
    }
}

QVariant CandidatesModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& s = samples_[static_cast<size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return displayText(s, index.row(), index.column());
    case SortRole:
        return sortValue(s, index.row(), index.column());
    case Qt::ToolTipRole:
        return QString::fromStdString(s.arch);
    case Qt::TextAlignmentRole:
        return index.column() == Arch ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                      : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::FontRole:
        if (isOnFront(index.row())) {
            QFont f;
            f.setBold(true); // the front is what a user picks from
            return f;
        }
        return {};
    default:
        return {};
    }
}

QVariant CandidatesModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    const QString unit = costUnit_.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(costUnit_);
    switch (section) {
    case Epoch:
        return tr("Epoch");
    case Arch:
        return tr("Architecture");
    case Accuracy:
        return tr("Accuracy (%)");
    case Cost:
        return tr("Cost") + unit;
    case Macs:
        return tr("MACs (M)");
    case Params:
        return tr("Params (M)");
    case LogProb:
        return tr("log p");
    case Front:
        return tr("Pareto");
    case Argmax:
        return tr("Argmax");
    default:
        return {};
    }
}

} // namespace dnas::ui
