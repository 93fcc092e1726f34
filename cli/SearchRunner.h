// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <string>

namespace dnas {
class Searcher;
}

namespace dnas::cli {

// Runs a search in the foreground with a console observer; Ctrl-C (SIGINT/SIGTERM) asks the
// search to stop after the current step and write a checkpoint, so `dnas resume` can go on.
// Returns the exit code: 0 finished, 1 stopped by a signal.
int runSearchInConsole(Searcher& searcher, bool jsonProgress);

} // namespace dnas::cli
