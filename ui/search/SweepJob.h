// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/search/Study.h"
#include "engine/search/SweepObserver.h" // complete: a job taking a SearchObserver& converts
#include "engine/search/SweepPlan.h"

#include <functional>
#include <string>

namespace dnas {
class StopPauseToken;
} // namespace dnas

namespace dnas::ui {

// One background job of SearchSession: a search, or a sweep of several.
using SearchJob = std::function<void(SweepObserver&, StopPauseToken&)>;

// A sweep of `study` over `plan` into `sweepDir` (engine/search/Sweeper) as one job. A target
// whose search goes on from a checkpoint first reports its earlier epochs
// (HistoryReplayObserver), as a resumed single run does, so the views show its whole search.
SearchJob makeSweepJob(const Study& study, const SweepPlan& plan, const std::string& sweepDir);

} // namespace dnas::ui
