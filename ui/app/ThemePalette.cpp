// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/app/ThemePalette.h"

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>

namespace dnas::ui {

namespace {
// A dark Fusion palette close to common dark desktop themes.
constexpr QRgb kWindow = 0x2b2b2b;
constexpr QRgb kBase = 0x1e1e1e;
constexpr QRgb kAlternateBase = 0x262626;
constexpr QRgb kText = 0xe6e6e6;
constexpr QRgb kDisabledText = 0x7f7f7f;
constexpr QRgb kButton = 0x353535;
constexpr QRgb kHighlight = 0x2f65ca;
constexpr QRgb kLink = 0x5aa0ff;
constexpr QRgb kToolTip = 0x3c3c3c;
} // namespace

bool ThemePalette::isDark(const QPalette& palette) {
    return palette.color(QPalette::Window).lightness() < kDarkLightness;
}

QPalette ThemePalette::dark() {
    QPalette p;
    p.setColor(QPalette::Window, QColor(kWindow));
    p.setColor(QPalette::WindowText, QColor(kText));
    p.setColor(QPalette::Base, QColor(kBase));
    p.setColor(QPalette::AlternateBase, QColor(kAlternateBase));
    p.setColor(QPalette::ToolTipBase, QColor(kToolTip));
    p.setColor(QPalette::ToolTipText, QColor(kText));
    p.setColor(QPalette::PlaceholderText, QColor(kDisabledText));
    p.setColor(QPalette::Text, QColor(kText));
    p.setColor(QPalette::Button, QColor(kButton));
    p.setColor(QPalette::ButtonText, QColor(kText));
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Link, QColor(kLink));
    p.setColor(QPalette::Highlight, QColor(kHighlight));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Light, QColor(kButton).lighter(150));
    p.setColor(QPalette::Midlight, QColor(kButton).lighter(125));
    p.setColor(QPalette::Mid, QColor(kButton).darker(125));
    p.setColor(QPalette::Dark, QColor(kButton).darker(150));
    p.setColor(QPalette::Shadow, Qt::black);
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(kDisabledText));
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(kButton));
    return p;
}

void ThemePalette::apply(QApplication& app) {
    // The platform palette is read before Fusion replaces the style (and its standard palette).
    const bool darkDesktop = isDark(QApplication::palette());
    app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    app.setPalette(darkDesktop ? dark() : app.style()->standardPalette());
}

} // namespace dnas::ui
