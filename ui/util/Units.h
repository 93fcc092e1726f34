// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <limits>

namespace dnas::ui {

// The engine reports fractions and raw counts; the views show percentages and millions, the
// scales at which users and papers quote accuracies, MACs and parameters.
inline constexpr double kPercent = 100.0;
inline constexpr double kMillion = 1e6;
// An empty cell or gap in a plot: QCustomPlot draws no point and breaks the line there.
inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

} // namespace dnas::ui
