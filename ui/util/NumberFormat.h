// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QString>

namespace dnas::ui {

// Human-readable numbers for tables, summaries and the status bar.
class NumberFormat {
  public:
    // 1234567 → "1.23 M"; suffixes k, M, G, T; below 1000 printed as is.
    static QString si(double value, int precision = 3);
    // A count that may be astronomically large: exact with separators below 1e6, else "1.0e21".
    static QString count(double value);
    // "9^22 ≈ 9.8e20" when every layer has the same number of candidates, else count(value).
    static QString architectures(double value, int layers, int sameCandidates);
    // Microseconds as "850 µs", "12.3 ms" or "1.20 s".
    static QString micros(double us);
    // A cost model's unit as shown: "us" → "µs", "uJ" → "µJ"; others as they are.
    static QString unit(const QString& costUnit);
    // A cost in its model's unit: latency as micros(), others as "3.42 MMAC".
    static QString cost(double value, const QString& costUnit);
    // Seconds as "42 s", "3 min 12 s", "2 h 05 min".
    static QString duration(double seconds);
};

} // namespace dnas::ui
