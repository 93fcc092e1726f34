// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/search/Study.h"
#include "engine/search/SweepObserver.h"
#include "engine/search/SweepPlan.h"

#include <string>
#include <vector>

namespace dnas {

class StopPauseToken;

// Runs a sweep (docs/architecture.md §6, "Sweep folder"): one target search per target of the
// plan, one after another, each in its own run folder inside the sweep folder, each delivered
// net then retrained as the plan asks; sweep.json is rewritten as targets finish. A sweep run
// again over the same folder resumes: a target whose run has final/summary.json is kept, one
// with a checkpoint goes on from it, a retraining that wrote its train.json is not repeated.
// Shared by `dnas sweep` and the app's "Search a Front". No LibTorch type in this header.
class Sweeper {
  public:
    Sweeper(Study study, SweepPlan plan, std::string sweepDir);

    // Blocks until every target is done (true) or a stop through `control` ended the current
    // search or retraining (false: the search kept its checkpoint, the retraining is redone).
    // Throws DnasError on bad input (a target outside the space's range, say) after the
    // search told the observer.
    bool run(SweepObserver& observer, StopPauseToken& control);

    const std::vector<SweepTargetResult>& results() const { return results_; }
    std::string runDir(size_t i) const; // the run folder of target i
    const SweepPlan& plan() const { return plan_; }

  private:
    // Retrains target i's delivered net as the plan asks; nullopt when stopped.
    std::optional<double> retrain(const SweepTarget& target, SweepObserver& observer,
                                  StopPauseToken& control);
    SweepTargetResult readResult(size_t i) const;
    void writeSweepFile() const;

    Study study_;
    SweepPlan plan_;
    std::string dir_;
    std::vector<SweepTargetResult> results_;
};

} // namespace dnas
