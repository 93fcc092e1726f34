// SPDX-License-Identifier: GPL-3.0-or-later
#include <torch/torch.h>

#include "engine/cost/LutChecker.h"
#include "engine/nn/ChannelsLast.h"
#include "engine/nn/ChildNet.h"
#include "engine/space/SearchSpace.h"
#include "engine/util/DnasError.h"

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

// Two passes (A, then B) over all nets: the noise floor needs two timings of each net, and two
// is the least that gives one, keeping a check within 2x of a single pass.
constexpr int kPasses = 2;

// NaN has no JSON form; nlohmann would write null anyway, this makes it explicit.
nlohmann::json numberOrNull(double v) {
    return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v);
}

} // namespace

LutCheckReport LutChecker::check(const SearchSpace& space, const LatencyTable& lut,
                                 const LutCheckOptions& options, const MeasureProgress& progress) {
    if (options.archs < 1 && options.architectures.empty())
        throw DnasError("", "archs", "must be at least 1");
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
    const size_t n = rows.size(), total = kPasses * n;
    bool cancelled = false;
    TimingProtocol::withThreads(options.timing.threads, [&] {
        torch::NoGradGuard noGrad;
        for (int pass = 0; pass < kPasses && !cancelled; ++pass)
            for (size_t i = 0; i < n; ++i) {
                auto& row = rows[i];
                if (progress && !progress(pass * n + i, total, row.arch.toString())) {
                    cancelled = true;
                    // A row without any timing is dropped; one without its second keeps the first.
                    if (pass == 0)
                        rows.resize(i);
                    break;
                }
                // Built anew each pass, as a single-pass check did, so no net stays allocated.
                ChildNet net(space, row.arch);
                net->eval();
                const auto x =
                    toChannelsLast(torch::randn({options.timing.batch, space.input_channels,
                                                 space.input_size, space.input_size}));
                const TimingStats st = protocol.time([&] { net->forward(x); });
                if (pass == 0) {
                    row.first_us = st.p50_us;
                    row.stats = st;
                } else {
                    row.second_us = st.p50_us;
                    if (st.p50_us < row.stats.p50_us)
                        row.stats = st;
                }
            }
        if (progress && !cancelled)
            progress(total, total, "");
    });
    for (auto& row : rows) {
        row.measured_us = row.stats.p50_us;
        row.rel_err = row.measured_us > 0 ? std::abs(row.lut_us - row.measured_us) / row.measured_us
                                          : std::numeric_limits<double>::infinity();
    }
    LutCheckReport rep = summarize(std::move(rows));
    rep.cancelled = cancelled;
    return rep;
}

LutCheckReport LutChecker::summarize(std::vector<LutCheckRow> rows) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    LutCheckReport rep;
    rep.rows = std::move(rows);
    std::vector<double> lutSums, measured, errs, noise;
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
        if (low > 0)
            noise.push_back(std::abs(r.first_us - r.second_us) / low);
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
    rep.worst.resize(rep.rows.size());
    std::iota(rep.worst.begin(), rep.worst.end(), size_t{0});
    std::stable_sort(rep.worst.begin(), rep.worst.end(),
                     [&](size_t a, size_t b) { return rep.rows[a].rel_err > rep.rows[b].rel_err; });
    rep.worst.resize(std::min(rep.worst.size(), kWorstCount));
    return rep;
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
            {"mean_rel_err", mean_rel_err},
            {"max_rel_err", max_rel_err},
            {"mean_ratio", mean_ratio},
            {"kendall_tau", numberOrNull(kendall_tau)},
            {"share_within_10pct", numberOrNull(share_within_10pct)},
            {"median_rel_err", numberOrNull(median_rel_err)},
            {"p90_rel_err", numberOrNull(p90_rel_err)},
            {"noise_floor", numberOrNull(noise_floor)},
            {"worst", worstJson},
            {"cancelled", cancelled}};
}

} // namespace dnas
