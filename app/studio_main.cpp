// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop app; all of it lives in ui/ (docs/architecture.md §1), so this stays a one-liner.
#include "ui/app/StudioMain.h"

int main(int argc, char** argv) {
    return dnas::ui::runStudio(argc, argv);
}
