// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/app/ThemePalette.h"

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>
#include <QtTest>

using namespace dnas::ui;

class ThemePaletteTest : public QObject {
    Q_OBJECT
  private slots:
    void darkPaletteReadsAsDark() {
        QVERIFY(ThemePalette::isDark(ThemePalette::dark()));
        QVERIFY(ThemePalette::dark().color(QPalette::Text).lightness() >
                ThemePalette::dark().color(QPalette::Base).lightness());
    }

    void lightFusionPaletteReadsAsLight() {
        QStyle* fusion = QStyleFactory::create(QStringLiteral("Fusion"));
        QVERIFY(!ThemePalette::isDark(fusion->standardPalette()));
        delete fusion;
    }

    void applyFollowsTheDesktop() {
        auto* app = qobject_cast<QApplication*>(QCoreApplication::instance());
        QApplication::setPalette(ThemePalette::dark()); // as a dark desktop would set it
        ThemePalette::apply(*app);
        QCOMPARE(QApplication::style()->name().toLower(), QStringLiteral("fusion"));
        QVERIFY(ThemePalette::isDark(QApplication::palette()));
    }
};

QTEST_MAIN(ThemePaletteTest)
#include "ThemePaletteTest.moc"
