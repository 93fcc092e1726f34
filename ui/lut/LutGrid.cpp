// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lut/LutGrid.h"

#include "engine/space/SearchSpace.h"

#include <QCoreApplication>
#include <algorithm>

namespace dnas::ui {

namespace {
QString tr(const char* text) {
    return QCoreApplication::translate("LutGrid", text);
}

bool contains(const std::vector<std::string>& list, const std::string& op) {
    return std::find(list.begin(), list.end(), op) != list.end();
}
} // namespace

LutGrid::LutGrid(const SearchSpace& space)
    : shapes_(space.layerShapes()), fixed_(LatencyTable::fixedSignatures(space)) {
    for (const auto& layer : space.layers)
        candidates_.push_back(layer.candidates);
    for (const auto& op : space.opNames())
        if (std::any_of(candidates_.begin(), candidates_.end(),
                        [&op](const auto& c) { return contains(c, op); }))
            ops_.push_back(op);
}

std::optional<OpSignature> LutGrid::signature(int row, int column) const {
    if (row < 0 || row >= rows() || column < 0 || column >= columns())
        return std::nullopt;
    if (isFixedRow(row)) {
        if (column != fixedColumn())
            return std::nullopt;
        return rowShape(row);
    }
    if (column == fixedColumn())
        return std::nullopt;
    const std::string& op = ops_[size_t(column)];
    if (!contains(candidates_[size_t(row - 1)], op))
        return std::nullopt;
    OpSignature sig = rowShape(row);
    sig.op = op;
    return sig;
}

QString LutGrid::columnName(int column) const {
    return column == fixedColumn() ? tr("fixed") : QString::fromStdString(ops_.at(size_t(column)));
}

OpSignature LutGrid::rowShape(int row) const {
    const int layers = int(shapes_.size());
    if (row == 0)
        return fixed_[0];
    if (row > layers)
        return fixed_[size_t(row - layers)];
    const LayerShape& s = shapes_[size_t(row - 1)];
    return {"", s.c_in, s.c_out, s.h, s.w, s.stride};
}

QString LutGrid::rowName(int row) const {
    if (isFixedRow(row))
        return QString::fromStdString(rowShape(row).op);
    return tr("layer %1").arg(row - 1);
}

QString LutGrid::rowHeader(int row) const {
    const OpSignature s = rowShape(row);
    const QString label = isFixedRow(row) ? rowName(row) : QString::number(row - 1);
    const QString stride = s.stride > 1 ? QStringLiteral(" /%1").arg(s.stride) : QString();
    return QStringLiteral("%1   %2×%3×%4 → %5%6")
        .arg(label)
        .arg(s.c_in)
        .arg(s.h)
        .arg(s.w)
        .arg(s.c_out)
        .arg(stride);
}

QString LutGrid::rowToolTip(int row) const {
    const OpSignature s = rowShape(row);
    return tr("%1: input %2 channels at %3×%4, output %5 channels, stride %6")
        .arg(rowName(row))
        .arg(s.c_in)
        .arg(s.h)
        .arg(s.w)
        .arg(s.c_out)
        .arg(s.stride);
}

} // namespace dnas::ui
