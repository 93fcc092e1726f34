// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "ui/lut/LutDocument.h"

#include <optional>
#include <vector>

namespace dnas::ui {

// Builds the entry changes of a SetLutEntriesCommand from what the user asked for. Each list
// holds one change per signature (the last one asked for wins) and no change that changes
// nothing, so a command's undo restores exactly the entries it found.
class LutEdits {
  public:
    // A latency typed or pasted by hand (nullopt: clear the cell). The measured statistics
    // (p10, p90, mean, samples) described the old value and are dropped; energy is kept.
    static LutEntryChange setLatency(const LatencyTable& table, const OpSignature& sig,
                                     std::optional<double> latencyUs);
    // Every latency, and its statistics, times factor; energy is left alone.
    static std::vector<LutEntryChange> scale(const LatencyTable& table, double factor);
    // The measured entries, added or replacing what the table has.
    static std::vector<LutEntryChange> merge(const LatencyTable& table,
                                             const LatencyTable& measured);
    // Keeps the last change of each signature (with the first one's `before`) and drops no-ops.
    static std::vector<LutEntryChange> normalize(const std::vector<LutEntryChange>& changes);

    static bool same(const std::optional<LutEntry>& a, const std::optional<LutEntry>& b);
};

} // namespace dnas::ui
