// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QString>
#include <QStringList>
#include <QVector>

namespace dnas::ui {

// The data behind a view, as rows of text, so every view exports CSV the same way (RFC 4180
// quoting: architecture strings and device names may contain commas).
class CsvTable {
  public:
    QStringList header;
    QVector<QStringList> rows;

    void addRow(const QStringList& row) { rows.push_back(row); }
    // A number in full precision, or an empty cell for NaN (a value this row does not have).
    static QString number(double v);
    static QString quoted(const QString& cell);
    QString toText() const;
    // Written atomically (QSaveFile); on failure returns false and sets *error when given.
    bool write(const QString& path, QString* error = nullptr) const;
};

} // namespace dnas::ui
