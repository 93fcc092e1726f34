// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lut/LutEdits.h"

#include <map>

namespace dnas::ui {

namespace {
std::optional<LutEntry> current(const LatencyTable& table, const OpSignature& sig) {
    if (const LutEntry* e = table.find(sig))
        return *e;
    return std::nullopt;
}

std::optional<double> times(const std::optional<double>& v, double factor) {
    if (!v)
        return v;
    return *v * factor;
}
} // namespace

bool LutEdits::same(const std::optional<LutEntry>& a, const std::optional<LutEntry>& b) {
    if (!a || !b)
        return !a && !b;
    return a->sig == b->sig && a->latency_us == b->latency_us && a->energy_uj == b->energy_uj &&
           a->p10_us == b->p10_us && a->p90_us == b->p90_us && a->mean_us == b->mean_us &&
           a->samples == b->samples;
}

LutEntryChange LutEdits::setLatency(const LatencyTable& table, const OpSignature& sig,
                                    std::optional<double> latencyUs) {
    LutEntryChange c{sig, current(table, sig), std::nullopt};
    if (!latencyUs)
        return c;
    LutEntry e;
    e.sig = sig;
    e.latency_us = *latencyUs;
    if (c.before)
        e.energy_uj = c.before->energy_uj;
    c.after = e;
    // Retyping the value a cell already shows keeps its statistics: nothing was changed.
    if (c.before && c.before->latency_us == *latencyUs)
        c.after = c.before;
    return c;
}

std::vector<LutEntryChange> LutEdits::scale(const LatencyTable& table, double factor) {
    std::vector<LutEntryChange> out;
    for (const LutEntry& e : table.entries()) {
        LutEntry s = e;
        s.latency_us = e.latency_us * factor;
        s.p10_us = times(e.p10_us, factor);
        s.p90_us = times(e.p90_us, factor);
        s.mean_us = times(e.mean_us, factor);
        out.push_back({e.sig, e, s});
    }
    return normalize(out);
}

std::vector<LutEntryChange> LutEdits::merge(const LatencyTable& table,
                                            const LatencyTable& measured) {
    std::vector<LutEntryChange> out;
    for (const LutEntry& e : measured.entries())
        out.push_back({e.sig, current(table, e.sig), e});
    return normalize(out);
}

std::vector<LutEntryChange> LutEdits::normalize(const std::vector<LutEntryChange>& changes) {
    std::map<std::string, size_t> slot; // signature key -> index in `merged`
    std::vector<LutEntryChange> merged;
    for (const auto& c : changes) {
        auto [it, fresh] = slot.emplace(c.sig.key(), merged.size());
        if (fresh)
            merged.push_back(c);
        else
            merged[it->second].after = c.after;
    }
    std::vector<LutEntryChange> out;
    for (auto& c : merged)
        if (!same(c.before, c.after))
            out.push_back(std::move(c));
    return out;
}

} // namespace dnas::ui
