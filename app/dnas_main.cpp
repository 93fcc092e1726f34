// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/CliMain.h"

int main(int argc, char** argv) {
    return dnas::cli::runCli(argc, argv);
}
