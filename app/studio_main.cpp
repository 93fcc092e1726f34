// SPDX-License-Identifier: GPL-3.0-or-later
// torch before Qt: Qt's `slots` macro breaks ATen headers (DESIGN.md §2).
#include "app/StudioMain.h"

int main(int argc, char** argv) { return dnas::ui::runStudio(argc, argv); }
