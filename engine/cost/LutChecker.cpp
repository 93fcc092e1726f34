// SPDX-License-Identifier: GPL-3.0-or-later
#include <torch/torch.h>

#include "engine/cost/LutChecker.h"
#include "engine/nn/ChannelsLast.h"
#include "engine/nn/ChildNet.h"
#include "engine/space/SearchSpace.h"
#include "engine/util/DnasError.h"
#include "engine/util/JsonFile.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>

namespace dnas {

std::vector<Architecture> LutChecker::randomArchitectures(const SearchSpace& space, int count,
                                                          uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::vector<Architecture> out;
    for (int i = 0; i < count; ++i) {
        Architecture a;
        a.space = space.name;
        // rng() % n rather than a distribution: distributions differ between standard libraries.
        for (const auto& l : space.layers)
            a.ops.push_back(l.candidates[rng() % l.candidates.size()]);
        out.push_back(std::move(a));
    }
    return out;
}

double LutChecker::kendallTau(const std::vector<double>& a, const std::vector<double>& b) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    if (a.size() != b.size() || a.size() < 2)
        return nan;
    double concordant = 0, discordant = 0, tiesA = 0, tiesB = 0, pairs = 0;
    for (size_t i = 0; i < a.size(); ++i)
        for (size_t j = i + 1; j < a.size(); ++j) {
            const double da = a[i] - a[j], db = b[i] - b[j];
            ++pairs;
            if (da == 0)
                ++tiesA;
            if (db == 0)
                ++tiesB;
            if (da == 0 || db == 0)
                continue;
            ((da > 0) == (db > 0) ? concordant : discordant) += 1;
        }
    const double denom = std::sqrt((pairs - tiesA) * (pairs - tiesB));
    return denom > 0 ? (concordant - discordant) / denom : nan;
}

namespace {

// NaN has no JSON form; nlohmann would write null anyway, this makes it explicit.
nlohmann::json numberOrNull(double v) {
    return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v);
}

} // namespace

std::vector<std::optional<size_t>> LutChecker::passOrder(size_t nets, bool anchor) {
    std::vector<std::optional<size_t>> order;
    if (anchor)
        order.push_back(std::nullopt);
    for (size_t i = 0; i < nets; ++i) {
        order.push_back(i);
        if (anchor && (i + 1) % kAnchorEvery == 0 && i + 1 < nets)
            order.push_back(std::nullopt);
    }
    if (anchor)
        order.push_back(std::nullopt);
    return order;
}

TimingStats LutChecker::timeNetwork(const SearchSpace& space, const Architecture& arch,
                                    const TimingProtocol& protocol) {
    torch::NoGradGuard noGrad;
    ChildNet net(space, arch);
    net->eval();
    const auto x = toChannelsLast(torch::randn(
        {protocol.options().batch, space.input_channels, space.input_size, space.input_size}));
    return protocol.time([&] { net->forward(x); });
}

namespace {

// Which anchor a check times, and whether the stored one gives a factor. `threads` is the
// intra-op count the check runs with.
LutDrift planDrift(const SearchSpace& space, const LatencyTable& lut,
                   const LutCheckOptions& options, int threads) {
    LutDrift d;
    const auto it = lut.anchors.find(space.name);
    if (it != lut.anchors.end()) {
        d.stored = it->second;
        d.status = LutDriftStatus::OtherSettings;
        try {
            it->second.arch.checkAgainst(space, "anchor");
            if (it->second.comparable(threads, options.timing.batch)) {
                d.status = LutDriftStatus::Measured;
                d.arch = it->second.arch;
            }
        } catch (const DnasError&) {
            d.status = LutDriftStatus::OtherSpace; // the space's layers changed since
        }
    }
    if (!d.known() && options.anchor == LutAnchorTiming::Always)
        d.arch = LutAnchor::architectureFor(space);
    return d;
}

void finishDrift(LutDrift& d) {
    if (d.anchor_us.empty())
        return;
    const auto [lo, hi] = std::minmax_element(d.anchor_us.begin(), d.anchor_us.end());
    if (*lo > 0.0)
        d.spread = (*hi - *lo) / *lo;
    if (d.known())
        d.factor = d.fastestUs() / d.stored->us;
}

} // namespace

LutCheckReport LutChecker::check(const SearchSpace& space, const LatencyTable& lut,
                                 const LutCheckOptions& options, const MeasureProgress& progress) {
    if (options.archs < 1 && options.architectures.empty())
        throw DnasError("", "archs", "must be at least 1");
    if (options.passes < LutCheckOptions::kMinPasses)
        throw DnasError("", "passes",
                        "must be at least " + std::to_string(LutCheckOptions::kMinPasses) +
                            " (the noise floor compares two timings of each net)");
    space.check(space.name);
    const auto archs = options.architectures.empty()
                           ? randomArchitectures(space, options.archs, options.seed)
                           : options.architectures;
    std::vector<LutCheckRow> rows;
    // LUT sums first: a LUT that lacks a signature fails before minutes of timing.
    for (const auto& a : archs) {
        LutCheckRow row;
        row.arch = a;
        row.lut_us = lut.archCost(space, a, CostMetric::Latency);
        rows.push_back(std::move(row));
    }
    const TimingProtocol protocol(options.timing);
    const size_t n = rows.size(), total = static_cast<size_t>(options.passes) * n;
    bool cancelled = false;
    LutDrift drift;
    TimingProtocol::withThreads(options.timing.threads, [&] {
        drift = planDrift(space, lut, options, at::get_num_threads());
        const auto order = passOrder(n, !drift.arch.ops.empty());
        for (int pass = 0; pass < options.passes && !cancelled; ++pass)
            for (const auto& item : order) {
                if (!item) {
                    drift.anchor_us.push_back(timeNetwork(space, drift.arch, protocol).p50_us);
                    continue;
                }
                const size_t i = *item;
                auto& row = rows[i];
                if (progress &&
                    !progress(static_cast<size_t>(pass) * n + i, total, row.arch.toString())) {
                    cancelled = true;
                    // A row without any timing is dropped; one without its second keeps the first.
                    if (pass == 0)
                        rows.resize(i);
                    break;
                }
                // Built anew each pass, as a single-pass check did, so no net stays allocated.
                const TimingStats st = timeNetwork(space, row.arch, protocol);
                double& half = pass % 2 == 0 ? row.first_us : row.second_us;
                if (pass < 2 || st.p50_us < half)
                    half = st.p50_us;
                if (pass == 0 || st.p50_us < row.stats.p50_us)
                    row.stats = st;
            }
        if (progress && !cancelled)
            progress(total, total, "");
    });
    for (auto& row : rows) {
        row.measured_us = row.stats.p50_us;
        row.rel_err = row.measured_us > 0 ? std::abs(row.lut_us - row.measured_us) / row.measured_us
                                          : std::numeric_limits<double>::infinity();
    }
    finishDrift(drift);
    LutCheckReport rep = summarize(std::move(rows));
    rep.cancelled = cancelled;
    rep.drift = std::move(drift);
    return rep;
}

LutCheckReport LutCheckReport::driftCorrected() const {
    if (!drift.known())
        return *this;
    std::vector<LutCheckRow> scaled = rows;
    for (auto& r : scaled) {
        r.lut_us *= drift.factor;
        r.rel_err = r.measured_us > 0 ? std::abs(r.lut_us - r.measured_us) / r.measured_us
                                      : std::numeric_limits<double>::infinity();
    }
    LutCheckReport c = LutChecker::summarize(std::move(scaled));
    c.cancelled = cancelled;
    c.drift = drift;
    return c;
}

double LutDrift::fastestUs() const {
    if (anchor_us.empty())
        return std::numeric_limits<double>::quiet_NaN();
    return *std::min_element(anchor_us.begin(), anchor_us.end());
}

const char* LutDrift::describe(LutDriftStatus s) {
    switch (s) {
    case LutDriftStatus::Measured:
        return "measured";
    case LutDriftStatus::NoAnchor:
        return "no anchor stored for the space";
    case LutDriftStatus::OtherSettings:
        return "the stored anchor was timed with other threads or batch";
    case LutDriftStatus::OtherSpace:
        return "the stored anchor's net does not fit the space";
    }
    return "unknown";
}

LutCheckReport LutChecker::summarize(std::vector<LutCheckRow> rows) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    LutCheckReport rep;
    rep.rows = std::move(rows);
    std::vector<double> lutSums, measured, errs, noise, passA, passB;
    size_t within = 0;
    for (const auto& r : rep.rows) {
        rep.mean_rel_err += r.rel_err;
        rep.max_rel_err = std::max(rep.max_rel_err, r.rel_err);
        rep.mean_ratio += r.measured_us > 0 ? r.lut_us / r.measured_us : 0.0;
        within += r.rel_err <= kWithinBand ? 1 : 0;
        lutSums.push_back(r.lut_us);
        measured.push_back(r.measured_us);
        errs.push_back(r.rel_err);
        const double low = std::min(r.first_us, r.second_us);
        if (low > 0) {
            noise.push_back(std::abs(r.first_us - r.second_us) / low);
            passA.push_back(r.first_us);
            passB.push_back(r.second_us);
        }
    }
    const double count = static_cast<double>(rep.rows.size());
    if (rep.rows.empty()) {
        rep.share_within_10pct = nan;
    } else {
        rep.mean_rel_err /= count;
        rep.mean_ratio /= count;
        rep.share_within_10pct = static_cast<double>(within) / count;
    }
    std::sort(errs.begin(), errs.end());
    std::sort(noise.begin(), noise.end());
    rep.median_rel_err = errs.empty() ? nan : TimingProtocol::percentile(errs, 0.5);
    rep.p90_rel_err = errs.empty() ? nan : TimingProtocol::percentile(errs, 0.9);
    rep.noise_floor = noise.empty() ? nan : TimingProtocol::percentile(noise, 0.5);
    rep.kendall_tau = kendallTau(lutSums, measured);
    rep.retest_tau = kendallTau(passA, passB);
    rep.worst.resize(rep.rows.size());
    std::iota(rep.worst.begin(), rep.worst.end(), size_t{0});
    std::stable_sort(rep.worst.begin(), rep.worst.end(),
                     [&](size_t a, size_t b) { return rep.rows[a].rel_err > rep.rows[b].rel_err; });
    rep.worst.resize(std::min(rep.worst.size(), kWorstCount));
    return rep;
}

nlohmann::json LutDrift::toJson() const {
    nlohmann::json j = {{"status", known() ? "measured" : "unknown"},
                        {"reason", describe(status)},
                        {"factor", numberOrNull(factor)},
                        {"spread", numberOrNull(spread)},
                        {"anchor_us", anchor_us}};
    if (!arch.ops.empty())
        j["arch"] = arch.toString();
    if (stored)
        j["stored"] = stored->toJson();
    return j;
}

namespace {

// A number toJson() may have written as null (NaN); NaN when absent too.
double numberOrNanAt(const JsonReader& r, const std::string& key) {
    if (!r.has(key) || r.json().at(key).is_null())
        return std::numeric_limits<double>::quiet_NaN();
    return r.getDouble(key);
}

} // namespace

LutDrift LutDrift::fromJson(const JsonReader& r) {
    LutDrift d;
    const std::string status = r.getString("status");
    const std::string reason = r.getString("reason");
    if (status == "measured") {
        d.status = LutDriftStatus::Measured;
    } else if (status == "unknown") {
        bool found = false;
        for (LutDriftStatus s :
             {LutDriftStatus::NoAnchor, LutDriftStatus::OtherSettings, LutDriftStatus::OtherSpace})
            if (reason == describe(s)) {
                d.status = s;
                found = true;
            }
        if (!found)
            r.fail("reason", "\"" + reason + "\" is not a reason a check gives");
    } else {
        r.fail("status", "expected \"measured\" or \"unknown\", not \"" + status + "\"");
    }
    d.factor = numberOrNanAt(r, "factor");
    if (d.known() && !(d.factor > 0.0 && std::isfinite(d.factor)))
        r.fail("factor", "a measured drift needs a factor > 0");
    d.spread = numberOrNanAt(r, "spread");
    if (d.spread < 0.0)
        r.fail("spread", "must be >= 0");
    if (r.has("anchor_us")) {
        const JsonReader list = r.at("anchor_us");
        for (size_t i = 0; i < list.size(); ++i) {
            const double us = list.at(i).asDouble();
            if (!(us > 0.0))
                list.at(i).fail("", "must be > 0");
            d.anchor_us.push_back(us);
        }
    }
    if (d.known() && d.anchor_us.empty())
        r.fail("anchor_us", "a measured drift needs the anchor's timings");
    if (r.has("arch")) {
        try {
            d.arch = Architecture::parseString(r.getString("arch"));
        } catch (const DnasError& e) {
            r.fail("arch", e.what());
        }
    }
    if (r.has("stored"))
        d.stored = LutAnchor::fromJson(r.at("stored"));
    if (d.known() && !d.stored)
        r.fail("stored", "a measured drift needs the stored anchor");
    return d;
}

nlohmann::json LutCheckReport::driftJson() const {
    nlohmann::json j = drift.toJson();
    if (!drift.known())
        return j;
    const LutCheckReport c = driftCorrected();
    j["corrected"] = {{"mean_rel_err", c.mean_rel_err},
                      {"max_rel_err", c.max_rel_err},
                      {"mean_ratio", c.mean_ratio},
                      {"kendall_tau", numberOrNull(c.kendall_tau)},
                      {"share_within_10pct", numberOrNull(c.share_within_10pct)},
                      {"median_rel_err", numberOrNull(c.median_rel_err)},
                      {"p90_rel_err", numberOrNull(c.p90_rel_err)}};
    return j;
}

nlohmann::json LutCheckReport::toJson() const {
    nlohmann::json rowsJson = nlohmann::json::array();
    for (const auto& r : rows)
        rowsJson.push_back({{"arch", r.arch.toString()},
                            {"lut_ms", r.lut_us / 1000.0},
                            {"measured_ms", r.measured_us / 1000.0},
                            {"first_ms", r.first_us / 1000.0},
                            {"second_ms", r.second_us / 1000.0},
                            {"p10_ms", r.stats.p10_us / 1000.0},
                            {"p90_ms", r.stats.p90_us / 1000.0},
                            {"samples", r.stats.samples},
                            {"rel_err", r.rel_err}});
    nlohmann::json worstJson = nlohmann::json::array();
    for (size_t i : worst)
        worstJson.push_back({{"arch", rows[i].arch.toString()},
                             {"lut_us", rows[i].lut_us},
                             {"measured_us", rows[i].measured_us},
                             {"rel_err", rows[i].rel_err}});
    return {{"archs", rowsJson},
            {"drift", driftJson()},
            {"mean_rel_err", mean_rel_err},
            {"max_rel_err", max_rel_err},
            {"mean_ratio", mean_ratio},
            {"kendall_tau", numberOrNull(kendall_tau)},
            {"share_within_10pct", numberOrNull(share_within_10pct)},
            {"median_rel_err", numberOrNull(median_rel_err)},
            {"p90_rel_err", numberOrNull(p90_rel_err)},
            {"noise_floor", numberOrNull(noise_floor)},
            {"retest_tau", numberOrNull(retest_tau)},
            {"worst", worstJson},
            {"cancelled", cancelled}};
}

} // namespace dnas
