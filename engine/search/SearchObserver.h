// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/search/SearchTypes.h"

#include <string>

namespace dnas {

// What a running search reports. Called on the search's own thread, in this order per epoch:
// onStep* (warm-up or w-steps, then theta-steps), onEpoch, onSamples (after warm-up), and
// onCheckpoint; onFinished or onError last. Implementations copy what they need and return fast.
class SearchObserver {
  public:
    virtual ~SearchObserver() = default;
    virtual void onStarted(int /*firstEpoch*/, int /*epochs*/) {}
    virtual void onStep(const StepMetrics&) {}
    virtual void onEpoch(const EpochMetrics&) {}
    virtual void onSamples(const SampleSet&) {}
    virtual void onCheckpoint(int /*epoch*/, const std::string& /*path*/) {}
    virtual void onFinished(const SampleSet& /*final*/) {}
    virtual void onError(const std::string& /*message*/) {}
};

} // namespace dnas
