// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/search/SearchObserver.h"
#include "engine/search/SweepPlan.h"
#include "engine/train/TrainSettings.h"

#include <string>

namespace dnas {

// Where a sweep is: target `index` (0-based) of `count`, its run folder.
struct SweepTarget {
    int index = 0;
    int count = 0;
    double target = 0.0; // in `unit`
    std::string unit;
    std::string run_dir;
    bool searched = false; // its search had finished before this sweep started (resumed sweep)
    bool resumed = false;  // its search goes on from a checkpoint
    SweepRetrain retrain = SweepRetrain::None; // what follows its search
};

// What a running sweep reports (engine/search/Sweeper), on the sweep's thread. Per target:
// onTargetStarted; then, unless its search had finished, the target's search as a
// SearchObserver reports it (onStarted ... onFinished); then, when retraining,
// onRetrainStarted and onRetrainProgress*; onTargetDone last. Implementations copy and return
// fast, as for a search.
class SweepObserver : public SearchObserver {
  public:
    virtual void onTargetStarted(const SweepTarget& /*target*/) {}
    virtual void onRetrainStarted(const SweepTarget& /*target*/, SweepRetrain /*kind*/,
                                  int /*epochs*/) {}
    virtual void onRetrainProgress(const TrainProgress& /*progress*/) {}
    virtual void onTargetDone(const SweepTarget& /*target*/, const SweepTargetResult& /*result*/) {}
};

} // namespace dnas
