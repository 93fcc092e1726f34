// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <functional>
#include <string>

namespace dnas {
class StopPauseToken;
class SearchObserver;
struct Study;
} // namespace dnas

namespace dnas::ui {

// One search, run to its end on the worker thread: it reports to the observer and obeys the
// control, like dnas::Searcher::run.
using SearchJob = std::function<void(SearchObserver&, StopPauseToken&)>;

// Makes the jobs SearchSession runs: the engine's Searcher in the app (EngineJobFactory),
// a scripted fake in tests. Called on the GUI thread; the job itself runs on the worker thread.
class SearchJobFactory {
  public:
    virtual ~SearchJobFactory() = default;
    virtual SearchJob newRun(const Study& study, const std::string& runDir) = 0;
    virtual SearchJob resume(const std::string& runDir) = 0;
};

} // namespace dnas::ui
