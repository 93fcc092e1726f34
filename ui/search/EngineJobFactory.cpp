// SPDX-License-Identifier: GPL-3.0-or-later
#include "search/EngineJobFactory.h"

#include "search/HistoryReplayObserver.h"
#include "search/SearchControl.h"
#include "search/Searcher.h"

namespace dnas::ui {

SearchJob EngineJobFactory::newRun(const Study& study, const std::string& runDir) {
    // The Searcher is built on the worker thread too: setting up the supernet takes time.
    return [study, runDir](SearchObserver& observer, SearchControl& control) {
        Searcher searcher(study, runDir);
        searcher.run(observer, control);
    };
}

SearchJob EngineJobFactory::resume(const std::string& runDir) {
    return [runDir](SearchObserver& observer, SearchControl& control) {
        HistoryReplayObserver withHistory(runDir, observer);
        Searcher::resume(runDir)->run(withHistory, control);
    };
}

} // namespace dnas::ui
