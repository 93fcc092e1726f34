// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <functional>
#include <string>

namespace dnas {
class Searcher;
class StopPauseToken;
} // namespace dnas

namespace dnas::cli {

// Runs a search in the foreground with a console observer; Ctrl-C (SIGINT/SIGTERM) asks the
// search to stop after the current step and write a checkpoint, so `dnas resume` can go on.
// Returns the exit code: 0 finished, 1 stopped by a signal.
int runSearchInConsole(Searcher& searcher, bool jsonProgress);

// Runs `work` in the foreground with Ctrl-C (SIGINT/SIGTERM) turned into a stop request on the
// token it gets; returns true when it was stopped that way. Exceptions pass through.
bool runStoppableInConsole(const std::function<void(StopPauseToken&)>& work);

} // namespace dnas::cli
