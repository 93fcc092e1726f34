// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lut/LutTableModel.h"

#include "ui/lut/LutDocument.h"
#include "ui/lut/LutEdits.h"
#include "ui/lut/LutHeatScale.h"
#include "ui/lut/SetLutEntriesCommand.h"

#include <QBrush>
#include <QFont>
#include <QLocale>
#include <algorithm>
#include <cmath>

namespace dnas::ui {

namespace {
constexpr double kMicrosPerMilli = 1000.0;
constexpr double kMaxLatencyUs = 1e12; // what LatencyTable accepts from a file

} // namespace

LutTableModel::LutTableModel(LutDocument* document, QObject* parent)
    : QAbstractTableModel(parent), document_(document), grid_(document->space()) {
    connect(document_, &LutDocument::spaceChanged, this, [this] {
        beginResetModel();
        grid_ = LutGrid(document_->space());
        endResetModel();
    });
    connect(document_, &LutDocument::tableChanged, this, &LutTableModel::refreshAll);
}

void LutTableModel::refreshAll() {
    if (rowCount() == 0)
        return;
    // A changed entry recolours its whole row (and every cell sharing its signature).
    emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

void LutTableModel::setUnit(Unit unit) {
    if (unit == unit_)
        return;
    unit_ = unit;
    refreshAll();
    emit headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
}

QString LutTableModel::unitSymbol() const {
    return unit_ == Unit::Micros ? QStringLiteral("µs") : QStringLiteral("ms");
}

double LutTableModel::toMicros(double v) const {
    return unit_ == Unit::Micros ? v : v * kMicrosPerMilli;
}

double LutTableModel::fromMicros(double us) const {
    return unit_ == Unit::Micros ? us : us / kMicrosPerMilli;
}

void LutTableModel::setComparison(std::optional<LatencyTable> other, const QString& name) {
    other_ = std::move(other);
    otherName_ = other_ ? name : QString();
    refreshAll();
    emit headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
}

std::optional<OpSignature> LutTableModel::signatureAt(const QModelIndex& index) const {
    if (!index.isValid())
        return std::nullopt;
    return grid_.signature(index.row(), index.column());
}

const LutEntry* LutTableModel::entryAt(const QModelIndex& index) const {
    const auto sig = signatureAt(index);
    return sig ? document_->table().find(*sig) : nullptr;
}

std::optional<double> LutTableModel::ratioAt(const QModelIndex& index) const {
    const auto sig = signatureAt(index);
    if (!other_ || !sig)
        return std::nullopt;
    const LutEntry* mine = document_->table().find(*sig);
    const LutEntry* theirs = other_->find(*sig);
    if (!mine || !theirs || !(theirs->latency_us > 0.0))
        return std::nullopt;
    return mine->latency_us / theirs->latency_us;
}

bool LutTableModel::parseValue(const QString& text, std::optional<double>* value) {
    const QString t = text.trimmed();
    if (t.isEmpty()) {
        *value = std::nullopt;
        return true;
    }
    bool ok = false;
    double v = QLocale::c().toDouble(t, &ok);
    if (!ok)
        v = QLocale::system().toDouble(t, &ok);
    if (!ok || !(v >= 0.0) || !std::isfinite(v))
        return false;
    *value = v;
    return true;
}

bool LutTableModel::setCells(
    const std::vector<std::pair<QModelIndex, std::optional<double>>>& values, const QString& text) {
    if (other_)
        return false;
    std::vector<LutEntryChange> changes;
    for (const auto& [cell, value] : values) {
        const auto sig = signatureAt(cell);
        if (!sig)
            continue;
        std::optional<double> us;
        if (value)
            us = toMicros(*value);
        if (us && *us > kMaxLatencyUs)
            return false;
        changes.push_back(LutEdits::setLatency(document_->table(), *sig, us));
    }
    changes = LutEdits::normalize(changes);
    if (changes.empty())
        return false;
    document_->push(new SetLutEntriesCommand(document_, std::move(changes), text));
    return true;
}

int LutTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : grid_.rows();
}

int LutTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : grid_.columns();
}

QString LutTableModel::displayText(const QModelIndex& index) const {
    if (!signatureAt(index))
        return {};
    if (other_) {
        const auto r = ratioAt(index);
        return r ? QStringLiteral("%1×").arg(*r, 0, 'f', 2) : QStringLiteral("—");
    }
    const LutEntry* e = entryAt(index);
    if (!e)
        return tr("missing");
    return unit_ == Unit::Micros ? QString::number(e->latency_us, 'f', 1)
                                 : QString::number(fromMicros(e->latency_us), 'f', 3);
}

QVariant LutTableModel::background(const QModelIndex& index) const {
    if (!signatureAt(index))
        return QBrush(LutHeatScale::inactive());
    if (other_) {
        const auto r = ratioAt(index);
        return r ? QBrush(LutHeatScale::ratio(*r)) : QBrush(LutHeatScale::inactive());
    }
    const LutEntry* e = entryAt(index);
    if (!e)
        return QBrush(LutHeatScale::missing());
    double lo = e->latency_us, hi = e->latency_us;
    for (int c = 0; c < columnCount(); ++c)
        if (const LutEntry* other = entryAt(this->index(index.row(), c))) {
            lo = std::min(lo, other->latency_us);
            hi = std::max(hi, other->latency_us);
        }
    return QBrush(LutHeatScale::heat(LutHeatScale::position(e->latency_us, lo, hi)));
}

QString LutTableModel::toolTip(const QModelIndex& index) const {
    const auto sig = signatureAt(index);
    if (!sig)
        return tr("Not a candidate of this layer");
    QString tip = QString::fromStdString(sig->describe());
    const LutEntry* e = document_->table().find(*sig);
    if (!e)
        return tip + tr("\nmissing: measure it, import it or type a value");
    tip += tr("\nlatency %1 µs").arg(e->latency_us, 0, 'g', 6);
    if (e->p10_us && e->p90_us)
        tip += tr(" (p10 %1, p90 %2, %3 runs)")
                   .arg(*e->p10_us, 0, 'g', 4)
                   .arg(*e->p90_us, 0, 'g', 4)
                   .arg(e->samples);
    if (e->energy_uj)
        tip += tr("\nenergy %1 µJ").arg(*e->energy_uj, 0, 'g', 6);
    if (other_) {
        const LutEntry* o = other_->find(*sig);
        tip += o ? tr("\n%1: %2 µs").arg(otherName_).arg(o->latency_us, 0, 'g', 6)
                 : tr("\n%1 lacks it").arg(otherName_);
    }
    return tip;
}

QVariant LutTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount())
        return {};
    const auto sig = signatureAt(index);
    const LutEntry* e = entryAt(index);
    switch (role) {
    case Qt::DisplayRole:
        return displayText(index);
    case Qt::EditRole:
        if (e)
            return fromMicros(e->latency_us);
        return sig ? QVariant(QString()) : QVariant();
    case Qt::BackgroundRole:
        return background(index);
    case Qt::ForegroundRole:
        return QBrush(sig && !e && !other_ ? LutHeatScale::missingText() : LutHeatScale::text());
    case Qt::FontRole:
        if (sig && !e && !other_) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        return {};
    case Qt::TextAlignmentRole:
        return int(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        return toolTip(index);
    case RawValueRole:
        return e ? QVariant(e->latency_us) : QVariant();
    case MissingRole:
        return bool(sig && !e);
    case SignatureRole:
        return sig ? QVariant(QString::fromStdString(sig->key())) : QVariant();
    case RatioRole: {
        const auto r = ratioAt(index);
        return r ? QVariant(*r) : QVariant();
    }
    default:
        return {};
    }
}

bool LutTableModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (role != Qt::EditRole || !(flags(index) & Qt::ItemIsEditable))
        return false;
    std::optional<double> v;
    if (value.typeId() != QMetaType::QString) {
        bool ok = false;
        v = value.toDouble(&ok);
        if (!ok || !(*v >= 0.0) || !std::isfinite(*v))
            return false;
    } else if (!parseValue(value.toString(), &v)) {
        return false;
    }
    const auto sig = signatureAt(index);
    const QString text =
        tr("Set %1 of %2").arg(QString::fromStdString(sig->op), grid_.rowName(index.row()));
    return setCells({{index, v}}, text);
}

Qt::ItemFlags LutTableModel::flags(const QModelIndex& index) const {
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (signatureAt(index) && !other_)
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant LutTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Horizontal) {
        if (section < 0 || section >= columnCount())
            return {};
        const QString name = grid_.columnName(section);
        if (role == Qt::DisplayRole)
            return QStringLiteral("%1\n%2").arg(name, other_ ? tr("ratio") : unitSymbol());
        if (role == Qt::ToolTipRole)
            return other_ ? tr("%1: this LUT / %2").arg(name, otherName_)
                          : tr("%1: latency in %2").arg(name, unitSymbol());
        return {};
    }
    if (section < 0 || section >= rowCount())
        return {};
    if (role == Qt::DisplayRole)
        return grid_.rowHeader(section);
    if (role == Qt::ToolTipRole)
        return grid_.rowToolTip(section);
    if (role == Qt::TextAlignmentRole)
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    return {};
}

} // namespace dnas::ui
