// SPDX-License-Identifier: GPL-3.0-or-later
#include <torch/torch.h>

#include "engine/cost/LutChecker.h"
#include "engine/nn/ChannelsLast.h"
#include "engine/nn/ChildNet.h"
#include "engine/space/SearchSpace.h"
#include "engine/util/DnasError.h"

#include <cmath>
#include <limits>
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

LutCheckReport LutChecker::check(const SearchSpace& space, const LatencyTable& lut,
                                 const LutCheckOptions& options, const MeasureProgress& progress) {
    if (options.archs < 1)
        throw DnasError("", "archs", "must be at least 1");
    space.check(space.name);
    const auto archs = randomArchitectures(space, options.archs, options.seed);
    LutCheckReport rep;
    // LUT sums first: a LUT that lacks a signature fails before minutes of timing.
    for (const auto& a : archs) {
        LutCheckRow row;
        row.arch = a;
        row.lut_us = lut.archCost(space, a, CostMetric::Latency);
        rep.rows.push_back(std::move(row));
    }
    const TimingProtocol protocol(options.timing);
    TimingProtocol::withThreads(options.timing.threads, [&] {
        torch::NoGradGuard noGrad;
        for (size_t i = 0; i < rep.rows.size(); ++i) {
            auto& row = rep.rows[i];
            if (progress && !progress(i, rep.rows.size(), row.arch.toString())) {
                rep.cancelled = true;
                rep.rows.resize(i);
                return;
            }
            ChildNet net(space, row.arch);
            net->eval();
            const auto x = toChannelsLast(torch::randn(
                {options.timing.batch, space.input_channels, space.input_size, space.input_size}));
            row.stats = protocol.time([&] { net->forward(x); });
            row.measured_us = row.stats.p50_us;
            row.rel_err = row.measured_us > 0
                              ? std::abs(row.lut_us - row.measured_us) / row.measured_us
                              : std::numeric_limits<double>::infinity();
        }
        if (progress)
            progress(rep.rows.size(), rep.rows.size(), "");
    });
    std::vector<double> lutSums, measured;
    for (const auto& r : rep.rows) {
        rep.mean_rel_err += r.rel_err;
        rep.max_rel_err = std::max(rep.max_rel_err, r.rel_err);
        rep.mean_ratio += r.measured_us > 0 ? r.lut_us / r.measured_us : 0.0;
        lutSums.push_back(r.lut_us);
        measured.push_back(r.measured_us);
    }
    if (!rep.rows.empty()) {
        rep.mean_rel_err /= static_cast<double>(rep.rows.size());
        rep.mean_ratio /= static_cast<double>(rep.rows.size());
    }
    rep.kendall_tau = kendallTau(lutSums, measured);
    return rep;
}

nlohmann::json LutCheckReport::toJson() const {
    nlohmann::json rowsJson = nlohmann::json::array();
    for (const auto& r : rows)
        rowsJson.push_back({{"arch", r.arch.toString()},
                            {"lut_ms", r.lut_us / 1000.0},
                            {"measured_ms", r.measured_us / 1000.0},
                            {"p10_ms", r.stats.p10_us / 1000.0},
                            {"p90_ms", r.stats.p90_us / 1000.0},
                            {"samples", r.stats.samples},
                            {"rel_err", r.rel_err}});
    // NaN has no JSON form; nlohmann would write null anyway, this makes it explicit.
    const nlohmann::json tau =
        std::isnan(kendall_tau) ? nlohmann::json(nullptr) : nlohmann::json(kendall_tau);
    return {{"archs", rowsJson},          {"mean_rel_err", mean_rel_err},
            {"max_rel_err", max_rel_err}, {"mean_ratio", mean_ratio},
            {"kendall_tau", tau},         {"cancelled", cancelled}};
}

} // namespace dnas
