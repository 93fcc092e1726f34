// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <cstdint>
#include <vector>

namespace dnas {

// Progressive decisions (SGAS, Li et al. 2020; PDARTS's search-space shrinking): after each
// search epoch the most certain open layers are fixed to their argmax, so that every layer is
// decided when the search ends and the later epochs train and compare what is left. A decided
// layer runs one path, which also makes the faithful mode's later epochs cheaper.
class LayerDecisions {
  public:
    static constexpr int64_t kOpen = -1;

    // How many layers should be decided once search epoch `epoch` (0-based) of `epochs` ends:
    // none in the first `delay` search epochs, then spread evenly over the rest, all of them
    // after the last one.
    static int dueAfter(int epoch, int epochs, int layers, int delay = 0);
    // Decides open layers of `decided` (one entry per layer, kOpen or the chosen candidate),
    // lowest entropy / ln K first, until `count` are decided, passing over a layer whose top two
    // probabilities lie less than `minMargin` apart; returns the layers it decided.
    static std::vector<size_t> decide(std::vector<int64_t>& decided,
                                      const std::vector<std::vector<double>>& probs, int count,
                                      double minMargin = 0.0);
    // The largest probability minus the second largest (1 for a single candidate).
    static double margin(const std::vector<double>& p);
};

} // namespace dnas
