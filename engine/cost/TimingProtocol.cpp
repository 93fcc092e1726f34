// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cost/TimingProtocol.h"
#include "engine/util/DnasError.h"
#include "engine/util/TorchSetup.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>

namespace dnas {

TimingProtocol::TimingProtocol(TimingOptions options) : options_(std::move(options)) {
    const auto& o = options_;
    if (o.batch < 1)
        throw DnasError("", "batch", "must be at least 1");
    if (o.warmup < 0)
        throw DnasError("", "warmup", "must be >= 0");
    if (o.min_repeats < 1)
        throw DnasError("", "min_repeats", "must be at least 1");
    if (o.repeats < o.min_repeats)
        throw DnasError("", "repeats", "must be at least " + std::to_string(o.min_repeats));
    if (!(o.budget_s >= 0.0))
        throw DnasError("", "budget_s", "must be >= 0");
    if (!options_.clock)
        options_.clock = &TimingProtocol::steadySeconds;
}

double TimingProtocol::steadySeconds() {
    using namespace std::chrono;
    return duration<double>(steady_clock::now().time_since_epoch()).count();
}

void TimingProtocol::withThreads(int threads, const std::function<void()>& fn) {
    // 0 is the documented default (all cores or OMP_NUM_THREADS), set here too: left alone, a
    // fresh process ran LibTorch at OpenMP's default (1 on this project's VM) and OpenBLAS at all
    // cores, and the table recorded 1 thread.
    const int before = at::get_num_threads();
    configureTorchThreads(threads);
    try {
        fn();
    } catch (...) {
        configureTorchThreads(before);
        throw;
    }
    configureTorchThreads(before);
}

TimingStats TimingProtocol::time(const std::function<void()>& fn) const {
    return summarize(samples(fn));
}

std::vector<double> TimingProtocol::samples(const std::function<void()>& fn) const {
    for (int i = 0; i < options_.warmup; ++i)
        fn();
    std::vector<double> us;
    us.reserve(static_cast<size_t>(options_.repeats));
    double spent = 0.0;
    // The budget counts only timed runs, so a fake clock fully determines how many there are.
    while (static_cast<int>(us.size()) < options_.repeats) {
        if (static_cast<int>(us.size()) >= options_.min_repeats && spent >= options_.budget_s)
            break;
        const double t0 = options_.clock();
        fn();
        const double dt = options_.clock() - t0;
        spent += dt;
        us.push_back(dt * 1e6);
    }
    return us;
}

double TimingProtocol::percentile(const std::vector<double>& sorted, double q) {
    if (sorted.empty())
        return 0.0;
    const double pos = std::clamp(q, 0.0, 1.0) * static_cast<double>(sorted.size() - 1);
    const size_t lo = static_cast<size_t>(std::floor(pos));
    const size_t hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (pos - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

TimingStats TimingProtocol::summarize(std::vector<double> samplesUs) {
    TimingStats s;
    s.samples = static_cast<int>(samplesUs.size());
    if (samplesUs.empty())
        return s;
    std::sort(samplesUs.begin(), samplesUs.end());
    s.p10_us = percentile(samplesUs, 0.1);
    s.p50_us = percentile(samplesUs, 0.5);
    s.p90_us = percentile(samplesUs, 0.9);
    s.mean_us = std::accumulate(samplesUs.begin(), samplesUs.end(), 0.0) /
                static_cast<double>(samplesUs.size());
    return s;
}

} // namespace dnas
