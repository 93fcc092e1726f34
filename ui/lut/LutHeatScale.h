// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QColor>

namespace dnas::ui {

// The LUT table's colours. All are light, so one dark text colour reads on every cell, in the
// light and the dark theme alike.
class LutHeatScale {
  public:
    // t in [0, 1], fastest to slowest of a row: pale blue, pale yellow, pale orange.
    static QColor heat(double t);
    // Where v lies between lo and hi, linearly: a log scale would let an identity skip of
    // 0.3 µs push every real block of its row into the slow colours. 0.5 when lo == hi.
    static double position(double v, double lo, double hi);
    // this / other: blue where this LUT is faster, orange where slower, white at 1; saturates
    // at kRatioSaturation either way.
    static QColor ratio(double r);

    static QColor text();        // on every coloured cell
    static QColor missing();     // a cell the space needs that the LUT lacks
    static QColor missingText(); // the word "missing" on it
    static QColor inactive();    // not a candidate of that layer

    static constexpr double kRatioSaturation = 4.0;
};

} // namespace dnas::ui
