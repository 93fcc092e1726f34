// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/CsvTable.h"

#include <QSaveFile>
#include <cmath>

namespace dnas::ui {

namespace {
// Enough significant digits for a double to round-trip through text.
constexpr int kCsvDigits = 17;
} // namespace

QString CsvTable::number(double v) {
    if (std::isnan(v))
        return QString();
    return QString::number(v, 'g', kCsvDigits);
}

QString CsvTable::quoted(const QString& cell) {
    if (!cell.contains(QLatin1Char(',')) && !cell.contains(QLatin1Char('"')) &&
        !cell.contains(QLatin1Char('\n')))
        return cell;
    QString q = cell;
    q.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

QString CsvTable::toText() const {
    QString out;
    auto line = [&out](const QStringList& cells) {
        for (int i = 0; i < cells.size(); ++i) {
            if (i)
                out += QLatin1Char(',');
            out += quoted(cells[i]);
        }
        out += QLatin1Char('\n');
    };
    line(header);
    for (const auto& r : rows)
        line(r);
    return out;
}

bool CsvTable::write(const QString& path, QString* error) const {
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Text)) {
        if (error)
            *error = f.errorString();
        return false;
    }
    f.write(toText().toUtf8());
    if (!f.commit()) {
        if (error)
            *error = f.errorString();
        return false;
    }
    return true;
}

} // namespace dnas::ui
