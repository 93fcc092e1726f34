// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cost/LutRebase.h"
#include "engine/space/Architecture.h"
#include "engine/space/SearchSpace.h"
#include "engine/util/DnasError.h"

#include <cmath>
#include <iomanip>
#include <sstream>

namespace dnas {

namespace {

// "1.234" for a number of µs shown in ms (or a plain factor): three decimals, as the CLI prints.
std::string rebaseNumber(double v) {
    std::ostringstream s;
    s << std::fixed << std::setprecision(3) << v;
    return s.str();
}

// Why `stored` and `timed` do not measure the same net under the same settings, so their ratio
// is no drift; empty when they do.
std::string incomparable(const SearchSpace& space, const LatencyTable& base,
                         const LutAnchor& stored, const LutAnchor& timed) {
    if (!(stored.arch == timed.arch))
        return "the stored anchor is another net (" + stored.arch.toString() +
               ") than the space's anchor now (" + timed.arch.toString() + ")";
    if (!stored.comparable(timed.threads, timed.batch))
        return "the stored anchor was timed with " + std::to_string(stored.threads) +
               " thread(s) at batch " + std::to_string(stored.batch) + ", these blocks with " +
               std::to_string(timed.threads) + " at batch " + std::to_string(timed.batch);
    try {
        // The same op string on other layer shapes (a space edited under the same name) is
        // another net: only a table that held the anchor's blocks timed this net before.
        if (const auto sig = LutRebase::firstMissing(space, base, stored.arch))
            return "the table lacked the anchor net's block " + sig->describe() +
                   ", so its anchor was timed on other shapes of the space";
    } catch (const DnasError&) {
        return "the stored anchor's net does not fit the space";
    }
    return {};
}

} // namespace

LutEntry LutRebase::divided(LutEntry e, double drift) {
    e.latency_us /= drift;
    for (std::optional<double>* v : {&e.p10_us, &e.p90_us, &e.mean_us})
        if (*v)
            **v /= drift;
    return e;
}

std::optional<OpSignature> LutRebase::firstMissing(const SearchSpace& space,
                                                   const LatencyTable& lut,
                                                   const Architecture& arch) {
    const SearchSpace applied = arch.applyTo(space);
    arch.checkAgainst(applied, "anchor");
    std::vector<OpSignature> sigs = LatencyTable::fixedSignatures(applied);
    for (size_t i = 0; i < arch.ops.size(); ++i)
        sigs.push_back(blockSignature(applied, i, arch.ops[i]));
    for (const auto& sig : sigs)
        if (!lut.find(sig))
            return sig;
    return std::nullopt;
}

LutRebase LutRebase::onto(const SearchSpace& space, const LatencyTable& base,
                          const LatencyTable& measured) {
    LutRebase r;
    r.table = measured;
    if (const auto it = base.anchors.find(space.name); it != base.anchors.end())
        r.stored = it->second;
    if (const auto it = measured.anchors.find(space.name); it != measured.anchors.end())
        r.timed = it->second;
    if (!r.timed) {
        r.status = LutRebaseStatus::Unanchored;
        return r;
    }
    if (!r.stored) {
        r.status = LutRebaseStatus::NewAnchor;
        return r;
    }
    // Nothing of the space is left at the old speed: the new anchor describes all of it.
    if (measured.missing(space).empty()) {
        r.status = LutRebaseStatus::Remeasured;
        return r;
    }
    r.reason = incomparable(space, base, *r.stored, *r.timed);
    if (!r.reason.empty()) {
        r.status = LutRebaseStatus::OtherAnchor;
        return r;
    }
    r.drift = r.timed->us / r.stored->us;
    if (!(r.drift >= LutCalibration::kMinScale && r.drift <= LutCalibration::kMaxScale))
        throw DnasError(base.source.empty() ? "LUT \"" + base.deviceName() + "\"" : base.source,
                        "anchors." + space.name + ".us",
                        "the anchor net ran " + rebaseNumber(r.drift) +
                            "x its stored time while the new blocks were measured: broken "
                            "timings, not a drift; measure the whole table again");
    r.status = LutRebaseStatus::Rebased;
    r.table.clear();
    for (const LutEntry& e : measured.entries())
        r.table.set(divided(e, r.drift));
    r.table.anchors[space.name] = *r.stored;
    if (r.table.provenance.is_object())
        r.table.provenance["divided_by_drift"] = r.drift; // for the reader of the file
    return r;
}

std::string LutRebase::describe() const {
    const auto when = [](const LutAnchor& a) { return a.when.empty() ? "" : ", " + a.when; };
    switch (status) {
    case LutRebaseStatus::Rebased:
        return "new blocks divided by the machine's drift " + rebaseNumber(drift) +
               " (anchor now " + rebaseNumber(timed->us / 1000.0) + " ms / stored " +
               rebaseNumber(stored->us / 1000.0) + " ms" + when(*stored) +
               "): the table keeps its anchor's speed";
    case LutRebaseStatus::Remeasured:
        return "every block of the space timed again: the anchor timed with them replaces the "
               "stored one (" +
               rebaseNumber(stored->us / 1000.0) + " ms" + when(*stored) + ")";
    case LutRebaseStatus::OtherAnchor:
        return "the anchor timed now replaces the stored one, which it cannot be compared with (" +
               reason +
               "): the blocks measured before keep their own speed; measure the whole table "
               "again for one";
    case LutRebaseStatus::Unanchored:
        if (!stored)
            return {};
        return "no anchor was timed with these blocks: they stay as timed, beside blocks at the "
               "speed of the stored anchor (" +
               rebaseNumber(stored->us / 1000.0) + " ms" + when(*stored) + ")";
    case LutRebaseStatus::NewAnchor:
        return {};
    }
    return {};
}

} // namespace dnas
