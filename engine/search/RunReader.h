// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/search/SearchTypes.h"
#include "engine/search/Study.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dnas {

// Reads a run folder, also one still being written: poll() returns what was appended since the
// last call (whole lines only), so a viewer can follow a `dnas search` running elsewhere.
class RunReader {
  public:
    explicit RunReader(std::string runDir);

    struct Update {
        std::vector<StepMetrics> steps;
        std::vector<EpochMetrics> epochs;
        std::vector<SampleSet> samples;
        bool finished = false;
        // The delivered net from final/summary.json, once: after a target repair it differs
        // from the θ argmax of the last epoch's samples.
        std::optional<SampleSet> final;
        bool empty() const { return steps.empty() && epochs.empty() && samples.empty(); }
    };
    Update poll();
    const Study& study() const { return study_; }
    const std::string& dir() const { return dir_; }

  private:
    std::string dir_;
    Study study_;
    uint64_t metricsOffset_ = 0, thetaOffset_ = 0, samplesOffset_ = 0;
    std::vector<EpochMetrics> pendingTheta_; // probabilities by epoch, matched to epoch lines
    bool finalRead_ = false;
};

} // namespace dnas
