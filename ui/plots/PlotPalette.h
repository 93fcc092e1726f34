// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QColor>
#include <qcustomplot.h>

namespace dnas::ui {

// Colours shared by the live views, so every plot reads the same way and stays legible for
// colour-blind users (viridis is perceptually uniform and safe for the common deficiencies).
class PlotPalette {
  public:
    // Viridis, built from its published stops (matplotlib's _viridis_data, sampled every 1/8).
    static QCPColorGradient viridis();
    // The viridis colour at t in [0, 1].
    static QColor viridisAt(double t);
    // A colour with its alpha scaled, for the faded (raw / dominated) layer of a plot.
    static QColor faded(const QColor& c, double alpha);
    // c mixed with white: looks like a faded c on a white background but stays opaque, which
    // the raster engine draws much faster than alpha-blended lines.
    static QColor tint(const QColor& c, double strength);
    // Distinct colours for line series (Okabe–Ito palette, colour-blind safe), cycled by index.
    static QColor series(int index);
    // A round marker drawn once into a pixmap: QCustomPlot then blits it per point instead of
    // filling an antialiased ellipse per point, which is what keeps 10,000 points within a frame.
    // outline may be Qt::transparent.
    static QCPScatterStyle disc(const QColor& fill, const QColor& outline, double diameter);
    // A white ring edged in black: visible on every colour of the viridis scale.
    static QCPScatterStyle ring(double diameter);
};

} // namespace dnas::ui
