// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace dnas::ui {
// Creates the QApplication, the main window on the last or the default study, and runs it.
int runStudio(int argc, char** argv);
} // namespace dnas::ui
