// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lut/LutHeatScale.h"

#include <algorithm>
#include <cmath>

namespace dnas::ui {

namespace {
const QColor kFast(207, 227, 247);   // pale blue
const QColor kMiddle(251, 243, 196); // pale yellow
const QColor kSlow(247, 192, 138);   // pale orange
const QColor kEqual(250, 250, 250);  // ratio 1: almost white

QColor mix(const QColor& a, const QColor& b, double t) {
    const auto lerp = [t](int x, int y) { return int(std::lround(x + (y - x) * t)); };
    return QColor(lerp(a.red(), b.red()), lerp(a.green(), b.green()), lerp(a.blue(), b.blue()));
}
} // namespace

QColor LutHeatScale::heat(double t) {
    t = std::clamp(t, 0.0, 1.0);
    return t < 0.5 ? mix(kFast, kMiddle, 2.0 * t) : mix(kMiddle, kSlow, 2.0 * t - 1.0);
}

double LutHeatScale::position(double v, double lo, double hi) {
    if (!(hi > lo))
        return 0.5;
    return (v - lo) / (hi - lo);
}

QColor LutHeatScale::ratio(double r) {
    if (!(r > 0.0) || !std::isfinite(r))
        return inactive();
    const double t = std::clamp(std::log(r) / std::log(kRatioSaturation), -1.0, 1.0);
    return t < 0.0 ? mix(kEqual, kFast, -t) : mix(kEqual, kSlow, t);
}

QColor LutHeatScale::text() {
    return QColor(20, 20, 20);
}
QColor LutHeatScale::missing() {
    return QColor(255, 214, 214);
}
QColor LutHeatScale::missingText() {
    return QColor(160, 0, 0);
}
QColor LutHeatScale::inactive() {
    return QColor(228, 228, 228);
}

} // namespace dnas::ui
