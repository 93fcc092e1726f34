// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/LutCheckCommand.h"
#include "cli/CliOutput.h"
#include "cli/CommandParser.h"
#include "cli/ConsoleProgress.h"
#include "cli/TextTable.h"
#include "cli/TimingCliOptions.h"
#include "engine/cost/LutCache.h"
#include "engine/cost/LutChecker.h"
#include "engine/space/Architecture.h"
#include "engine/space/SearchSpace.h"

#include <cmath>
#include <nlohmann/json.hpp>

namespace dnas::cli {

namespace {
// What to do about a drift that is not known, as a command to run; empty once it is known.
std::string driftHint(const LutDrift& d, const std::string& space, const std::string& lut) {
    switch (d.status) {
    case LutDriftStatus::Measured:
        return {};
    case LutDriftStatus::NoAnchor:
        return "add one with 'dnas lut anchor " + space + " --lut " + lut +
               "' (times it now, assuming the machine runs as fast as when the blocks were "
               "timed), or measure the LUT again ('dnas lut measure')";
    case LutDriftStatus::OtherSettings:
        return "it was timed with " + std::to_string(d.stored->threads) + " thread(s) at batch " +
               std::to_string(d.stored->batch) + ": check with --threads " +
               std::to_string(d.stored->threads) + " --batch " + std::to_string(d.stored->batch);
    case LutDriftStatus::OtherSpace:
        return "the space changed since it was timed: 'dnas lut anchor " + space + " --lut " + lut +
               " --replace' times the new one (assuming today's speed), or measure the "
               "LUT again";
    }
    return {};
}
} // namespace

int LutCheckCommand::run(const QStringList& args) {
    CommandParser p(args.value(0),
                    "Builds random architectures of the space, times each whole network on this "
                    "machine (batch, warm-up and p50 as 'dnas lut measure') and compares with "
                    "the LUT's sum: relative error per network, mean, median, p90 and max, the "
                    "share within 10 %, the worst networks, and Kendall's tau between the two "
                    "rankings (what the search needs). Every network is timed in --passes "
                    "interleaved passes; the lowest p50 is compared, and the odd passes against "
                    "the even ones give the noise floor (median difference) and the retest tau "
                    "(how well the machine ranks the networks against itself). When "
                    "the LUT holds an anchor for the space (timed with the same threads and "
                    "batch), it is timed between the networks too: the drift (anchor now / "
                    "anchor stored) and the statistics with the LUT's sums times the drift. A "
                    "LUT measured before anchors existed gets one with 'dnas lut anchor'.");
    p.addPositional("space", "Search space preset or file.");
    p.addOption("lut", "LUT", "LUT: built-in name, file, or 'auto' (this machine's).");
    p.addOption("archs", "N", "Random architectures to time (default 20).");
    p.addOption("arch", "A", "Time this architecture instead of random ones (repeatable).");
    p.addOption("seed", "S", "Seed for the architectures (default 1).");
    p.addOption(
        "passes", "P",
        QString("Passes over all networks, one timing of each per pass (default %1, at least "
                "%2): more passes cost more time and ride out slow spells of a shared "
                "machine.")
            .arg(LutCheckOptions::kDefaultPasses)
            .arg(LutCheckOptions::kMinPasses));
    addTimingOptions(p, "network");
    p.addFlag("raw", "Check the measured block timings, without the space's calibration.");
    p.addFlag("json", "Print the report as JSON.");
    if (!p.parse(args))
        return kExitOk;
    if (!p.isSet("lut"))
        throw std::runtime_error("--lut is required");
    const SearchSpace space = SearchSpace::load(p.positional(0));
    const LatencyTable stored = LutCache::resolve(p.value("lut"));
    const bool calibrated = !p.isSet("raw") && stored.calibratedFor(space.name);
    const LatencyTable lut = calibrated ? stored.calibratedFor(space) : stored;
    LutCheckOptions o;
    if (auto v = p.intValue("archs", 1, 100000))
        o.archs = *v;
    if (auto v = p.intValue("seed", 0, 2000000000))
        o.seed = static_cast<uint64_t>(*v);
    if (auto v = p.intValue("passes", LutCheckOptions::kMinPasses, 1000))
        o.passes = *v;
    readTimingOptions(p, o.timing);
    for (const auto& a : p.values("arch"))
        o.architectures.push_back(Architecture::resolve(a, space));
    ConsoleProgress progress("timing networks");
    const LutCheckReport r = LutChecker::check(space, lut, o, std::ref(progress));
    const std::string hint = driftHint(r.drift, p.positional(0), p.value("lut"));
    if (p.isSet("json")) {
        nlohmann::json j = r.toJson();
        if (!hint.empty())
            j["drift"]["hint"] = hint;
        j["space"] = space.name;
        j["lut"] = lut.source.empty() ? p.value("lut") : lut.source;
        j["device"] = lut.deviceName();
        j["calibrated"] = calibrated;
        printJson(j);
        return kExitOk;
    }
    TextTable t;
    t.addColumn("#", TextTable::Align::Right);
    t.addColumn("LUT ms", TextTable::Align::Right);
    t.addColumn("measured ms", TextTable::Align::Right);
    t.addColumn("rel. err", TextTable::Align::Right);
    t.addColumn("architecture");
    for (size_t i = 0; i < r.rows.size(); ++i) {
        const auto& row = r.rows[i];
        t.addRow({std::to_string(i + 1), fixed(row.lut_us / 1000.0, 3),
                  fixed(row.measured_us / 1000.0, 3), fixed(100.0 * row.rel_err, 1) + " %",
                  row.arch.toString()});
    }
    t.print();
    printField("LUT", lut.deviceName() + (calibrated ? " (calibrated for " + space.name + ")"
                                                     : std::string(" (block timings)")));
    printField("mean rel. err", fixed(100.0 * r.mean_rel_err, 1) + " %");
    printField("max rel. err", fixed(100.0 * r.max_rel_err, 1) + " %");
    printField("LUT/measured", fixed(r.mean_ratio, 3) + " (mean)");
    const auto tau = [](double v) {
        return std::isnan(v) ? std::string("undefined (ties)") : fixed(v, 3);
    };
    printField("Kendall tau", tau(r.kendall_tau));
    if (r.rows.empty())
        return kExitOk;
    const auto percent = [](double v) {
        return std::isnan(v) ? std::string("undefined") : fixed(100.0 * v, 1) + " %";
    };
    printField("within 10 %", percent(r.share_within_10pct) + " of the networks");
    printField("median err", percent(r.median_rel_err));
    printField("p90 err", percent(r.p90_rel_err) + " (linear interpolation)");
    printField("noise floor",
               percent(r.noise_floor) +
                   " (median |odd - even| / min, the lowest p50 of each half of the passes)");
    printField("retest tau",
               tau(r.retest_tau) +
                   " (odd passes vs even passes: the machine ranking the nets against itself)");
    for (size_t k = 0; k < r.worst.size(); ++k) {
        const auto& row = r.rows[r.worst[k]];
        printField(k == 0 ? "worst" : "", percent(row.rel_err) + "  LUT " +
                                              fixed(row.lut_us / 1000.0, 3) + " ms, measured " +
                                              fixed(row.measured_us / 1000.0, 3) + " ms  " +
                                              row.arch.toString());
    }
    const LutDrift& d = r.drift;
    if (!d.known()) {
        printField("drift", std::string("unknown: ") + LutDrift::describe(d.status) +
                                "; the figures above are as timed");
        printField("", hint);
        return kExitOk;
    }
    printField("drift", fixed(d.factor, 3) + " (anchor now " + fixed(d.fastestUs() / 1000.0, 3) +
                            " ms / stored " + fixed(d.stored->us / 1000.0, 3) + " ms, " +
                            d.stored->when + "); spread " + percent(d.spread) + " over " +
                            std::to_string(d.anchor_us.size()) + " timings");
    const LutCheckReport c = r.driftCorrected();
    printField("corrected", "LUT x " + fixed(d.factor, 3) + ": within 10 % " +
                                percent(c.share_within_10pct) + ", median err " +
                                percent(c.median_rel_err) + ", p90 err " + percent(c.p90_rel_err) +
                                ", LUT/measured " + fixed(c.mean_ratio, 3));
    return kExitOk;
}

} // namespace dnas::cli
