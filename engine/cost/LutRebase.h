// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/cost/LatencyTable.h"

#include <optional>
#include <string>

namespace dnas {

class SearchSpace;
struct Architecture;

// What joining a measurement to a table did with the table's time basis for a space.
enum class LutRebaseStatus {
    Rebased,     // the new blocks divided by the drift; the table's anchor kept
    NewAnchor,   // the table had no anchor for the space: the measurement's is stored
    Remeasured,  // every block of the space was timed again: the measurement's anchor replaces it
    OtherAnchor, // the two anchors cannot be compared (`reason`): the measurement's replaces it
    Unanchored,  // the measurement timed no anchor (cancelled, a space that does not validate)
};

// One time basis per table and space (#21). The blocks of a LUT were timed at the machine's speed
// of the day its anchor (LutAnchor) records; a measurement of the blocks it lacks runs at today's
// speed, which on the shared VM differed by up to ~35 % between processes. Merged as timed, the
// older and the newer blocks would no longer add up at one speed, and the anchor, whichever one
// the table kept, would describe only part of it. So the newer blocks are brought to the table's
// basis: their timings are divided by the drift (anchor timed with them / anchor stored), and the
// stored anchor stays. A table without an anchor takes the measurement's, as a first measurement
// does; a measurement of every block of the space starts a new basis with its own anchor.
struct LutRebase {
    // `measured`, ready for LatencyTable::merge into the base: its entries on the base's basis
    // and its anchor for the space the one the table keeps afterwards (none when there is none).
    LatencyTable table;
    LutRebaseStatus status = LutRebaseStatus::Unanchored;
    double drift = 1.0; // anchor timed with the blocks / anchor stored; 1 unless Rebased
    std::optional<LutAnchor> stored, timed; // the base's and the measurement's, when there
    std::string reason;                     // why OtherAnchor

    // `measured` (a LutMeasurer result for `space`) onto `base`'s basis for the space. Throws
    // DnasError naming base.source and anchors.<space>.us when the drift is outside
    // [LutCalibration::kMinScale, kMaxScale]: that is broken timings, not a machine's drift.
    static LutRebase onto(const SearchSpace& space, const LatencyTable& base,
                          const LatencyTable& measured);
    // The entry with its timings (latency, p10, p90, mean) divided by `drift`; energy and the
    // sample count as they are.
    static LutEntry divided(LutEntry e, double drift);
    // The first block of `arch` on `space` (fixed parts included) that `lut` lacks; nullopt when
    // it holds them all. Throws DnasError when the architecture does not fit the space.
    static std::optional<OpSignature>
    firstMissing(const SearchSpace& space, const LatencyTable& lut, const Architecture& arch);

    // One line for the user on what happened to the basis; empty for NewAnchor and for
    // Unanchored without a stored anchor (nothing to say beyond the measurement).
    std::string describe() const;
};

} // namespace dnas
