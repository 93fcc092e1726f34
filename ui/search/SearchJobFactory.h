// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "ui/search/SweepJob.h"

#include <string>

namespace dnas::ui {

// A SearchJob (ui/search/SweepJob.h) is one search, or a sweep, run to its end on the worker
// thread: it reports to the observer and obeys the control, like dnas::Searcher::run. A job of
// one search takes the observer as a plain SearchObserver.

// Makes the jobs SearchSession runs: the engine's Searcher in the app (EngineJobFactory),
// a scripted fake in tests. Called on the GUI thread; the job itself runs on the worker thread.
class SearchJobFactory {
  public:
    virtual ~SearchJobFactory() = default;
    virtual SearchJob newRun(const Study& study, const std::string& runDir) = 0;
    virtual SearchJob resume(const std::string& runDir) = 0;
    // The engine's sweep unless a factory scripts its own.
    virtual SearchJob sweep(const Study& study, const SweepPlan& plan,
                            const std::string& sweepDir) {
        return makeSweepJob(study, plan, sweepDir);
    }
};

} // namespace dnas::ui
