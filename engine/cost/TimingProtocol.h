// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <functional>
#include <vector>

namespace dnas {

// How one thing (a block of a LUT, a whole network) is timed here. Shared by LutMeasurer and
// LutChecker so that a LUT and the whole-network check follow the same protocol.
struct TimingOptions {
    int batch = 1;          // images per forward pass
    int warmup = 3;         // untimed runs first (allocator, caches, lazy kernel setup)
    int repeats = 30;       // timed runs at most
    int min_repeats = 5;    // timed runs at least, even past the budget
    double budget_s = 0.25; // stop after min_repeats once the timed runs used this much
    int threads = 0; // the measurement's threads, restored after; 0: all cores or OMP_NUM_THREADS
    // Seconds from any fixed origin; default std::chrono::steady_clock. Tests inject a fake one
    // to check the statistics exactly.
    std::function<double()> clock;
};

// Summary of the timed runs in µs; percentiles interpolate linearly between order statistics
// (numpy's default), so p50 of an even count is the mean of the middle two.
struct TimingStats {
    double p10_us = 0.0, p50_us = 0.0, p90_us = 0.0, mean_us = 0.0;
    int samples = 0;
};

class TimingProtocol {
  public:
    explicit TimingProtocol(TimingOptions options);

    // Runs `fn` options.warmup times untimed, then times it min_repeats..repeats times (clock
    // read just before and just after each run). Throws DnasError on nonsensical options.
    TimingStats time(const std::function<void()>& fn) const;
    // The same runs, their µs in the order timed (for pooling timings taken in rounds).
    std::vector<double> samples(const std::function<void()>& fn) const;

    static TimingStats summarize(std::vector<double> samplesUs);
    // q in [0, 1] of sorted values, linear interpolation; 0 for an empty list.
    static double percentile(const std::vector<double>& sorted, double q);
    static double steadySeconds();
    // Runs `fn` with `threads` intra-op and BLAS threads (configureTorchThreads: 0 is all cores or
    // OMP_NUM_THREADS) and restores the previous count after, also on an exception, so a
    // measurement never changes how the rest of the process runs.
    static void withThreads(int threads, const std::function<void()>& fn);

    const TimingOptions& options() const { return options_; }

  private:
    TimingOptions options_;
};

} // namespace dnas
