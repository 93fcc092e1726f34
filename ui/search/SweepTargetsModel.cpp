// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/search/SweepTargetsModel.h"

#include "ui/util/NumberFormat.h"

#include <QBrush>
#include <QColor>
#include <QLocale>
#include <algorithm>
#include <cmath>

namespace dnas::ui {

namespace {
// A target outside the range (a stopped sweep's, under an older LUT) reads as an error.
const QColor kOutOfRange(200, 40, 40);
// Without a known range, Add starts at 1 of the unit or doubles the dearest target.
constexpr double kFirstWithoutRange = 1.0;
constexpr double kStepWithoutRange = 2.0;

double roundedToShown(double value) {
    return QString::number(value, 'g', SweepTargetsModel::kShownDigits).toDouble();
}
} // namespace

SweepTargetsModel::SweepTargetsModel(QObject* parent) : QAbstractListModel(parent) {}

void SweepTargetsModel::setUnit(const SweepPlan& unitPlan,
                                std::optional<std::pair<double, double>> range, bool underLut) {
    beginResetModel();
    unitPlan_ = unitPlan;
    unitPlan_.targets.clear();
    range_ = range;
    underLut_ = underLut;
    endResetModel();
    emit targetsChanged();
}

void SweepTargetsModel::setTargets(std::vector<double> targets) {
    std::sort(targets.begin(), targets.end());
    // Two targets in one run folder would search it twice: the first stays.
    std::vector<double> kept;
    for (double t : targets)
        if (kept.empty() || folderOf(t) != folderOf(kept.back()))
            kept.push_back(t);
    beginResetModel();
    targets_ = std::move(kept);
    endResetModel();
    emit targetsChanged();
}

std::string SweepTargetsModel::folderOf(double value) const {
    SweepPlan p = unitPlan_;
    p.targets = {value};
    return p.folderName(0);
}

bool SweepTargetsModel::inRange(double value) const {
    return !range_ || (value >= range_->first && value <= range_->second);
}

QString SweepTargetsModel::unit() const {
    return NumberFormat::unit(QString::fromStdString(unitPlan_.unit));
}

QString SweepTargetsModel::shown(double value, int digits) const {
    const QString number = QLocale().toString(value, 'g', digits);
    return unit().isEmpty() ? number : tr("%1 %2").arg(number, unit());
}

QString SweepTargetsModel::rangeText() const {
    const QString span = tr("%1–%2").arg(QLocale().toString(range_->first, 'g', kExactDigits),
                                         shown(range_->second, kExactDigits));
    return underLut_ ? tr("the space's range under the study's LUT (%1)").arg(span)
                     : tr("the space's cost range (%1)").arg(span);
}

QString SweepTargetsModel::check(double value, int row) const {
    if (!(value > 0) || !std::isfinite(value))
        return tr("%1 is not a positive number.").arg(QLocale().toString(value, 'g', kExactDigits));
    if (!inRange(value))
        return tr("%1 lies outside %2.").arg(shown(value, kExactDigits), rangeText());
    const std::string folder = folderOf(value);
    for (size_t i = 0; i < targets_.size(); ++i) {
        if (static_cast<int>(i) == row || folderOf(targets_[i]) != folder)
            continue;
        if (shown(targets_[i], kExactDigits) == shown(value, kExactDigits))
            return tr("%1 is already listed.").arg(shown(value, kExactDigits));
        return tr("%1 is too close to %2: both would search in the run folder %3.")
            .arg(shown(value, kExactDigits), shown(targets_[i], kExactDigits),
                 QString::fromStdString(folder));
    }
    return {};
}

int SweepTargetsModel::addTarget(double value) {
    const QString why = check(value);
    if (!why.isEmpty()) {
        emit refused(why);
        return -1;
    }
    const auto at = std::upper_bound(targets_.begin(), targets_.end(), value);
    const int row = static_cast<int>(at - targets_.begin());
    beginInsertRows({}, row, row);
    targets_.insert(at, value);
    endInsertRows();
    emit targetsChanged();
    return row;
}

std::optional<double> SweepTargetsModel::suggestion() const {
    if (!range_)
        return targets_.empty() ? kFirstWithoutRange : targets_.back() * kStepWithoutRange;
    // Targets matter by ratio (SweepPlan::spread): the widest ratio gap is the least explored.
    std::vector<double> ends;
    ends.push_back(range_->first);
    ends.insert(ends.end(), targets_.begin(), targets_.end());
    ends.push_back(range_->second);
    double best = 0.0, bestRatio = 1.0;
    for (size_t i = 1; i < ends.size(); ++i) {
        if (!(ends[i - 1] > 0))
            continue;
        const double ratio = ends[i] / ends[i - 1];
        if (ratio > bestRatio) {
            bestRatio = ratio;
            best = std::sqrt(ends[i] * ends[i - 1]);
        }
    }
    if (!(best > 0))
        return std::nullopt;
    if (check(roundedToShown(best)).isEmpty())
        return roundedToShown(best);
    if (check(best).isEmpty())
        return best;
    return std::nullopt;
}

QString SweepTargetsModel::problem() const {
    for (double t : targets_)
        if (!inRange(t))
            return tr("%1 lies outside %2.").arg(shown(t, kExactDigits), rangeText());
    return {};
}

int SweepTargetsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(targets_.size());
}

QVariant SweepTargetsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const double t = targets_[static_cast<size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return shown(t);
    case Qt::EditRole:
        return t;
    case Qt::ToolTipRole:
        return inRange(t) ? tr("%1, searched in the run folder %2")
                                .arg(shown(t, kExactDigits), QString::fromStdString(folderOf(t)))
                          : tr("%1 lies outside %2.").arg(shown(t, kExactDigits), rangeText());
    case Qt::ForegroundRole:
        return inRange(t) ? QVariant() : QBrush(kOutOfRange);
    default:
        return {};
    }
}

bool SweepTargetsModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (!index.isValid() || role != Qt::EditRole || index.row() >= rowCount())
        return false;
    double v = 0.0;
    bool ok = true;
    if (value.typeId() == QMetaType::QString) {
        const QString text = value.toString().trimmed();
        v = QLocale::c().toDouble(text, &ok);
        if (!ok)
            v = QLocale().toDouble(text, &ok);
        if (!ok) {
            emit refused(tr("“%1” is not a positive number.").arg(text));
            return false;
        }
    } else {
        v = value.toDouble(&ok);
        if (!ok)
            return false;
    }
    const int row = index.row();
    if (v == targets_[static_cast<size_t>(row)])
        return true;
    const QString why = check(v, row);
    if (!why.isEmpty()) {
        emit refused(why);
        return false;
    }
    // Where the new value sorts among the others: the row moves there (persistent indexes, the
    // current item and an open editor follow it).
    std::vector<double> others = targets_;
    others.erase(others.begin() + row);
    const int to =
        static_cast<int>(std::upper_bound(others.begin(), others.end(), v) - others.begin());
    if (to != row)
        beginMoveRows({}, row, row, {}, to > row ? to + 1 : to);
    others.insert(others.begin() + to, v);
    targets_ = std::move(others);
    if (to != row)
        endMoveRows();
    emit dataChanged(this->index(to), this->index(to));
    emit targetsChanged();
    return true;
}

Qt::ItemFlags SweepTargetsModel::flags(const QModelIndex& index) const {
    return QAbstractListModel::flags(index) |
           (index.isValid() ? Qt::ItemIsEditable : Qt::NoItemFlags);
}

bool SweepTargetsModel::removeRows(int row, int count, const QModelIndex& parent) {
    if (parent.isValid() || row < 0 || count <= 0 || row + count > rowCount())
        return false;
    beginRemoveRows({}, row, row + count - 1);
    targets_.erase(targets_.begin() + row, targets_.begin() + row + count);
    endRemoveRows();
    emit targetsChanged();
    return true;
}

} // namespace dnas::ui
