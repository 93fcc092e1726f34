// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QPalette>

class QApplication;

namespace dnas::ui {

// Follows the desktop's light or dark colours with the Fusion style. Qt 6.4 has no colour-scheme
// hint, so a dark desktop is recognised by the lightness of its window colour.
class ThemePalette {
  public:
    static constexpr int kDarkLightness = 128; // window lightness below this reads as dark

    static bool isDark(const QPalette& palette);
    static QPalette dark();
    // Fusion style plus a palette matching the system's (dark palette for a dark desktop).
    static void apply(QApplication& app);
};

} // namespace dnas::ui
