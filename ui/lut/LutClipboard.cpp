// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lut/LutClipboard.h"

#include "ui/lut/LutTableModel.h"

#include <QLocale>
#include <algorithm>
#include <climits>
#include <optional>
#include <vector>

namespace dnas::ui {

namespace {
QString number(double v) {
    return QString::number(v, 'g', QLocale::FloatingPointShortest);
}
} // namespace

QString LutClipboard::copy(const LutTableModel& model, const QModelIndexList& cells) {
    if (cells.isEmpty())
        return {};
    int top = INT_MAX, left = INT_MAX, bottom = -1, right = -1;
    for (const QModelIndex& i : cells) {
        top = std::min(top, i.row());
        left = std::min(left, i.column());
        bottom = std::max(bottom, i.row());
        right = std::max(right, i.column());
    }
    std::vector<QStringList> grid(size_t(bottom - top + 1),
                                  QStringList(right - left + 1, QString()));
    for (const QModelIndex& i : cells) {
        const QVariant v = model.isComparing() ? model.data(i, LutTableModel::RatioRole)
                                               : model.data(i, LutTableModel::RawValueRole);
        if (!v.isValid())
            continue;
        const double value = model.isComparing() ? v.toDouble() : model.fromMicros(v.toDouble());
        grid[size_t(i.row() - top)][i.column() - left] = number(value);
    }
    QStringList lines;
    for (const QStringList& row : grid)
        lines << row.join(QLatin1Char('\t'));
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QList<QStringList> LutClipboard::parse(const QString& text) {
    QString t = text;
    t.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    if (t.endsWith(QLatin1Char('\n')))
        t.chop(1);
    QList<QStringList> rows;
    if (t.isEmpty())
        return rows;
    for (const QString& line : t.split(QLatin1Char('\n')))
        rows << line.split(QLatin1Char('\t'));
    return rows;
}

bool LutClipboard::paste(LutTableModel& model, const QModelIndexList& selection,
                         const QString& text, QString* error) {
    const QList<QStringList> rows = parse(text);
    if (rows.isEmpty() || selection.isEmpty())
        return false;
    std::vector<std::pair<QModelIndex, std::optional<double>>> values;
    const bool fill = rows.size() == 1 && rows.front().size() == 1 && selection.size() > 1;
    if (fill) {
        std::optional<double> v;
        if (!LutTableModel::parseValue(rows.front().front(), &v)) {
            if (error)
                *error = LutTableModel::tr("\"%1\" is not a latency").arg(rows.front().front());
            return false;
        }
        for (const QModelIndex& i : selection)
            values.emplace_back(i, v);
        return model.setCells(values, LutTableModel::tr("Fill LUT cells"));
    }
    int top = INT_MAX, left = INT_MAX;
    for (const QModelIndex& i : selection) {
        top = std::min(top, i.row());
        left = std::min(left, i.column());
    }
    for (int r = 0; r < rows.size(); ++r)
        for (int c = 0; c < rows[r].size(); ++c) {
            std::optional<double> v;
            if (!LutTableModel::parseValue(rows[r][c], &v)) {
                if (error)
                    *error = LutTableModel::tr("row %1, column %2: \"%3\" is not a latency")
                                 .arg(r + 1)
                                 .arg(c + 1)
                                 .arg(rows[r][c].trimmed());
                return false;
            }
            const QModelIndex target = model.index(top + r, left + c);
            if (target.isValid())
                values.emplace_back(target, v);
        }
    return model.setCells(values, LutTableModel::tr("Paste LUT cells"));
}

} // namespace dnas::ui
