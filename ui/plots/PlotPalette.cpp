// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/PlotPalette.h"

#include <QPainter>
#include <QPixmap>
#include <algorithm>
#include <array>
#include <cmath>

namespace dnas::ui {

namespace {
// Viridis at t = 0, 1/8, ..., 1 (matplotlib); linear interpolation between them is within
// one 8-bit step of the full 256-entry table.
constexpr std::array<std::array<int, 3>, 9> kViridisStops{{{68, 1, 84},
                                                           {71, 44, 122},
                                                           {59, 81, 139},
                                                           {44, 113, 142},
                                                           {33, 144, 141},
                                                           {39, 173, 129},
                                                           {92, 200, 99},
                                                           {170, 220, 50},
                                                           {253, 231, 37}}};
// Okabe–Ito: eight colours distinguishable under protanopia, deuteranopia and tritanopia.
constexpr std::array<std::array<int, 3>, 7> kOkabeIto{{{0, 114, 178},
                                                       {213, 94, 0},
                                                       {0, 158, 115},
                                                       {204, 121, 167},
                                                       {230, 159, 0},
                                                       {86, 180, 233},
                                                       {0, 0, 0}}};
// Marker strokes in pixels: a 1 px outline; the ring's black edge shows 1 px each side of
// its white line.
constexpr double kOutlineWidth = 1.0;
constexpr double kRingEdgeWidth = 3.5;
constexpr double kRingLineWidth = 1.5;
} // namespace

QCPColorGradient PlotPalette::viridis() {
    QCPColorGradient g;
    g.clearColorStops();
    const double last = static_cast<double>(kViridisStops.size() - 1);
    for (size_t i = 0; i < kViridisStops.size(); ++i) {
        const auto& c = kViridisStops[i];
        g.setColorStopAt(static_cast<double>(i) / last, QColor(c[0], c[1], c[2]));
    }
    g.setColorInterpolation(QCPColorGradient::ciRGB);
    // Cells of ops a layer does not offer are NaN: draw them as background, not as a value.
    g.setNanHandling(QCPColorGradient::nhTransparent);
    return g;
}

QColor PlotPalette::viridisAt(double t) {
    t = std::clamp(t, 0.0, 1.0);
    const double pos = t * static_cast<double>(kViridisStops.size() - 1);
    const size_t i = std::min(static_cast<size_t>(pos), kViridisStops.size() - 2);
    const double f = pos - static_cast<double>(i);
    const auto& a = kViridisStops[i];
    const auto& b = kViridisStops[i + 1];
    auto mix = [f](int x, int y) { return static_cast<int>(x + (y - x) * f + 0.5); };
    return QColor(mix(a[0], b[0]), mix(a[1], b[1]), mix(a[2], b[2]));
}

QColor PlotPalette::faded(const QColor& c, double alpha) {
    QColor out = c;
    out.setAlphaF(std::clamp(alpha, 0.0, 1.0) * c.alphaF());
    return out;
}

QColor PlotPalette::tint(const QColor& c, double strength) {
    const double s = std::clamp(strength, 0.0, 1.0);
    auto mix = [s](int x) { return static_cast<int>(255 - (255 - x) * s + 0.5); };
    return QColor(mix(c.red()), mix(c.green()), mix(c.blue()));
}

QColor PlotPalette::series(int index) {
    const auto& c = kOkabeIto[static_cast<size_t>(std::max(index, 0)) % kOkabeIto.size()];
    return QColor(c[0], c[1], c[2]);
}

QCPScatterStyle PlotPalette::disc(const QColor& fill, const QColor& outline, double diameter) {
    // Odd pixel size, so the disc centres on the data point.
    const int side = static_cast<int>(std::ceil(diameter)) | 1;
    QPixmap pm(side, side);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(outline.alpha() ? QPen(outline, kOutlineWidth) : QPen(Qt::NoPen));
    p.setBrush(fill);
    const double inset = outline.alpha() ? 0.5 : 0.0; // keeps the outline inside the pixmap
    p.drawEllipse(QRectF(inset, inset, side - 2 * inset, side - 2 * inset));
    p.end();
    return QCPScatterStyle(pm);
}

QCPScatterStyle PlotPalette::ring(double diameter) {
    const int side = static_cast<int>(std::ceil(diameter)) | 1;
    QPixmap pm(side, side);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setBrush(Qt::NoBrush);
    const QRectF r(2.0, 2.0, side - 4.0, side - 4.0);
    p.setPen(QPen(Qt::black, kRingEdgeWidth)); // the dark edge, under the white line
    p.drawEllipse(r);
    p.setPen(QPen(Qt::white, kRingLineWidth));
    p.drawEllipse(r);
    p.end();
    return QCPScatterStyle(pm);
}

} // namespace dnas::ui
