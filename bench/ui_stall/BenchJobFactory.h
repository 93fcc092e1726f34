// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/search/SearchObserver.h"
#include "engine/search/StopPauseToken.h"
#include "tests/ui/plots/PlotTestData.h"
#include "ui/search/EngineJobFactory.h"

#include <chrono>
#include <thread>

namespace dnas::bench {

// What the synthetic search reports: fbnet-sized payloads at a fixed pace.
struct SyntheticSearch {
    SearchSpace space;
    int epochs = 200;
    int stepsPerEpoch = 100;  // half weight steps, half θ steps
    int samplesPerEpoch = 50; // 200 epochs: 10,000 points on the Pareto plot
    int epochPeriodMs = 100;  // the pace: steps are spread evenly over it
};

// Jobs for SearchSession: the synthetic search (a real one of 200 fbnet epochs takes days on
// a CPU) or the engine's Searcher, whichever `synthetic` says.
class BenchJobFactory : public ui::SearchJobFactory {
  public:
    explicit BenchJobFactory(SyntheticSearch s) : synthetic_(std::move(s)) {}
    bool synthetic = true;

    ui::SearchJob newRun(const Study& study, const std::string& runDir) override {
        return synthetic ? ui::SearchJob(job(synthetic_)) : engine_.newRun(study, runDir);
    }
    ui::SearchJob resume(const std::string& runDir) override { return engine_.resume(runDir); }

  private:
    // Reports in the order Searcher does, from the worker thread, sleeping to keep the pace.
    static ui::SearchJob job(const SyntheticSearch& p) {
        return [p](SearchObserver& o, StopPauseToken& c) {
            using Clock = std::chrono::steady_clock;
            const auto sets = test::makeSamples(p.space, p.epochs * p.samplesPerEpoch, p.epochs, 2);
            const auto stepPeriod =
                std::chrono::microseconds(1000LL * p.epochPeriodMs / std::max(1, p.stepsPerEpoch));
            const auto t0 = Clock::now();
            int64_t k = 0;
            o.onStarted(0, p.epochs);
            for (int e = 0; e < p.epochs; ++e) {
                for (const StepMetrics& m : test::makeSteps(e, p.stepsPerEpoch / 2)) {
                    std::this_thread::sleep_until(t0 + stepPeriod * k++);
                    if (!c.waitWhilePaused())
                        return;
                    o.onStep(m);
                }
                EpochMetrics m = test::makeEpoch(p.space, e, 1);
                m.epochs = p.epochs;
                o.onEpoch(m);
                o.onSamples(sets[static_cast<size_t>(e)]);
                o.onCheckpoint(e, "synthetic");
            }
            SampleSet final = sets.back();
            final.samples.resize(1);
            final.samples[0].is_argmax = true;
            o.onFinished(final);
        };
    }

    SyntheticSearch synthetic_;
    ui::EngineJobFactory engine_;
};

} // namespace dnas::bench
