// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/PlotPalette.h"

#include <QtTest>

using dnas::ui::PlotPalette;

class PlotPaletteTest : public QObject {
    Q_OBJECT
  private slots:
    void viridisEndsAndMiddle() {
        QCOMPARE(PlotPalette::viridisAt(0.0), QColor(68, 1, 84));
        QCOMPARE(PlotPalette::viridisAt(1.0), QColor(253, 231, 37));
        QCOMPARE(PlotPalette::viridisAt(0.5), QColor(33, 144, 141));
        QCOMPARE(PlotPalette::viridisAt(-3.0), PlotPalette::viridisAt(0.0));
        QCPColorGradient g = PlotPalette::viridis();
        QCOMPARE(QColor(g.color(0.0, QCPRange(0, 1))), QColor(68, 1, 84));
        QCOMPARE(QColor(g.color(1.0, QCPRange(0, 1))), QColor(253, 231, 37));
    }

    void viridisGetsLighterMonotonically() {
        // Luminance rises along the scale: why viridis still reads in greyscale.
        double last = -1.0;
        for (int i = 0; i <= 20; ++i) {
            const QColor c = PlotPalette::viridisAt(i / 20.0);
            const double l = 0.2126 * c.red() + 0.7152 * c.green() + 0.0722 * c.blue();
            QVERIFY(l >= last);
            last = l;
        }
    }

    void fadedScalesAlpha() {
        QCOMPARE(PlotPalette::faded(QColor(10, 20, 30), 0.5).alpha(), 128);
        QVERIFY(PlotPalette::series(0) != PlotPalette::series(1));
    }
};

QTEST_MAIN(PlotPaletteTest)
#include "PlotPaletteTest.moc"
