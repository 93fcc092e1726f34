// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/dist/DistSettings.h"
#include "engine/search/SearchObserver.h"
#include "engine/search/Study.h"
#include "engine/space/Architecture.h"

#include <memory>
#include <string>

namespace dnas {

class StopPauseToken;

// The DNAS loop (docs/architecture.md §4). No LibTorch type in this header: the GUI includes it.
// A run lives in a run folder (study.json, metrics.jsonl, theta.jsonl, samples.jsonl,
// checkpoint.pt, final/); run() checkpoints every epoch and can be resumed after a stop or a kill.
class Searcher {
  public:
    // A new run of `study` in `runDir` (created; must not hold a run already). With
    // dist.world_size > 1 this process is rank dist.rank of a data-parallel run (engine/dist):
    // every rank runs the same loop on its shard of each batch, only rank 0 writes `runDir`.
    Searcher(const Study& study, const std::string& runDir, const DistSettings& dist = {});
    // Continues the run in `runDir` from its last complete checkpoint (with any process count:
    // the batch is global). Every rank reads `runDir`.
    static std::unique_ptr<Searcher> resume(const std::string& runDir,
                                            const DistSettings& dist = {});
    ~Searcher();
    Searcher(const Searcher&) = delete;
    Searcher& operator=(const Searcher&) = delete;

    // Blocks until the search ends, is stopped (after finishing the step and writing a
    // checkpoint) or fails. Throws DnasError on bad input, after telling the observer.
    void run(SearchObserver& observer, StopPauseToken& control);

    // For a run opened with resume(): loads its last checkpoint and samples k architectures
    // (plus the argmax) from softmax(θ), scored like the per-epoch samples; Pareto marked.
    SampleSet sampleFromCheckpoint(int k, uint64_t seed);
    // For a run opened with resume(): scores `archs` (the first is the reference) on the last
    // checkpoint, then `equalCost` architectures drawn uniformly from the space within
    // ±tolerance of the reference's cost (EqualCostSampler), in that order. Not Pareto marked.
    // With fineTuneSteps > 0 each is scored after that many steps of its own (PathFineTuner,
    // at fineTuneLr; 0: a tenth of the search's w learning rate).
    SampleSet scoreFromCheckpoint(const std::vector<Architecture>& archs, int equalCost,
                                  double tolerance, uint64_t seed, int fineTuneSteps = 0,
                                  double fineTuneLr = 0.0);

    const Study& study() const;
    const std::string& runDir() const;
    int completedEpochs() const;

  private:
    Searcher();
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace dnas
