// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/search/HistoryReplayObserver.h"

#include "engine/search/RunReader.h"

namespace dnas::ui {

void HistoryReplayObserver::onStarted(int firstEpoch, int epochs) {
    if (!replayed_)
        replay();
    target_.onStarted(firstEpoch, epochs);
}

void HistoryReplayObserver::replay() {
    replayed_ = true;
    const RunReader::Update past = RunReader(runDir_).poll();
    // Per epoch: its steps, the epoch, its samples (DESIGN: the order Searcher reports in).
    size_t step = 0, sample = 0;
    for (const EpochMetrics& e : past.epochs) {
        for (; step < past.steps.size() && past.steps[step].epoch <= e.epoch; ++step)
            target_.onStep(past.steps[step]);
        target_.onEpoch(e);
        for (; sample < past.samples.size() && past.samples[sample].epoch <= e.epoch; ++sample)
            target_.onSamples(past.samples[sample]);
    }
    for (; step < past.steps.size(); ++step)
        target_.onStep(past.steps[step]); // a stopped epoch
}

} // namespace dnas::ui
