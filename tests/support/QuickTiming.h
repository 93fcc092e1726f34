// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Timing options for tests that check the plumbing of a measurement (progress, cancel, what is
// stored), not the numbers it gives.
#include "engine/cost/TimingProtocol.h"

namespace dnas::testsupport {

// Few, short timed runs. threads 0: the process's setting.
inline TimingOptions quickTiming(int threads = 0) {
    TimingOptions o;
    o.warmup = 1;
    o.repeats = 5;
    o.min_repeats = 5;
    o.budget_s = 0.0;
    o.threads = threads;
    return o;
}

// Each timed item takes at least budget_s, so a cancel lands while items remain.
inline TimingOptions slowTiming(int threads = 0) {
    TimingOptions o = quickTiming(threads);
    o.repeats = 1000000;
    o.budget_s = 0.3;
    return o;
}

} // namespace dnas::testsupport
