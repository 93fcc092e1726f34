// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/search/EngineJobFactory.h"

#include "engine/search/Searcher.h"
#include "engine/search/StopPauseToken.h"
#include "ui/search/HistoryReplayObserver.h"

namespace dnas::ui {

SearchJob EngineJobFactory::newRun(const Study& study, const std::string& runDir) {
    // The Searcher is built on the worker thread too: setting up the supernet takes time.
    return [study, runDir](SearchObserver& observer, StopPauseToken& control) {
        Searcher searcher(study, runDir);
        searcher.run(observer, control);
    };
}

SearchJob EngineJobFactory::resume(const std::string& runDir) {
    return [runDir](SearchObserver& observer, StopPauseToken& control) {
        HistoryReplayObserver withHistory(runDir, observer);
        Searcher::resume(runDir)->run(withHistory, control);
    };
}

} // namespace dnas::ui
