// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/LutCalibrateCommand.h"
#include "cli/CliOutput.h"
#include "cli/CommandParser.h"
#include "cli/ConsoleProgress.h"
#include "cli/TextTable.h"
#include "cli/TimingCliOptions.h"
#include "engine/cost/LutCache.h"
#include "engine/cost/LutCalibrator.h"
#include "engine/space/SearchSpace.h"

#include <filesystem>
#include <nlohmann/json.hpp>

namespace dnas::cli {

int LutCalibrateCommand::run(const QStringList& args) {
    CommandParser p(
        args.value(0),
        "Times random whole networks of the space on this machine (two interleaved passes, the "
        "lower p50, as 'dnas lut check') and fits one scale for the blocks and one overhead per "
        "block, so the LUT's sums predict whole networks; a fit no better than the blocks "
        "as measured is not taken. The measured block timings stay in the LUT; "
        "the fit is stored beside them for the space and used wherever the LUT costs that "
        "space (search, cost, check, export). 'dnas lut check' then judges it on other nets. "
        "The LUT's anchor net is timed between the networks and their times are divided by "
        "its drift (anchor now / anchor stored) before the fit; a LUT without an anchor gets "
        "the one timed now as its reference.");
    p.addPositional("space", "Search space preset or file.");
    p.addOption("lut", "LUT", "LUT file, or 'auto' (this machine's, updated in place).");
    p.addOption("out", "OUT", "LUT file to write (default: the --lut file itself).", "o");
    p.addOption("archs", "N", "Whole networks to time (default 30).");
    p.addOption("seed", "S", "Seed for the networks (default 101: not check's 1).");
    addTimingOptions(p, "network");
    p.addFlag("json", "Print the calibration as JSON.");
    if (!p.parse(args))
        return kExitOk;
    if (!p.isSet("lut"))
        throw std::runtime_error("--lut is required");
    const SearchSpace space = SearchSpace::load(p.positional(0));
    const std::string ref = p.value("lut");
    LatencyTable lut = LutCache::resolve(ref);
    const bool intoCache = ref == LutCache::kAuto && !p.isSet("out");
    // A built-in table belongs to the installation: the calibration goes to a file of the user's.
    if (!intoCache && !p.isSet("out") && !std::filesystem::is_regular_file(ref))
        throw std::runtime_error("--out is required to calibrate the built-in LUT " + ref);
    LutCalibrateOptions o;
    o.retimes = 1; // a busy step is timed once more (the console's bar simply runs again)
    if (auto v = p.intValue("archs", 2, 100000))
        o.archs = *v;
    if (auto v = p.intValue("seed", 0, 2000000000))
        o.seed = static_cast<uint64_t>(*v);
    readTimingOptions(p, o.timing);
    ConsoleProgress progress("timing networks");
    const auto result = LutCalibrator::calibrate(space, lut, o, std::ref(progress));
    if (!result)
        return kExitOk;
    const LutCalibration& c = result->calibration;
    std::string written;
    if (intoCache) {
        LutCache::storeCalibration(space.name, c, result->anchor);
        written = LutCache::path();
    } else {
        lut.calibrations[space.name] = c;
        if (result->anchor)
            lut.anchors[space.name] = *result->anchor;
        written = p.isSet("out") ? p.value("out") : lut.source;
        lut.save(written);
    }
    if (p.isSet("json")) {
        nlohmann::json j = c.toJson();
        j["space"] = space.name;
        j["written"] = written;
        j["anchor"] = result->timed.drift.toJson();
        j["busy"] = LutCalibrator::busy(c);
        j["steps"] = result->steps;
        printJson(j);
        return kExitOk;
    }
    TextTable t;
    t.addColumn("op");
    t.addColumn("scale", TextTable::Align::Right);
    for (const auto& [op, scale] : c.op_scale)
        t.addRow({op, fixed(scale, 3)});
    t.print();
    printField("per block", fixed(c.per_block_us, 2) + " us added to every block");
    printField("networks", std::to_string(c.networks) + " timed whole" +
                               (result->steps > 1 ? ", " + std::to_string(result->steps) +
                                                        " times (the first step was busy)"
                                                  : ""));
    printField("median err", fixed(100.0 * c.before_median_rel_err, 1) + " % -> " +
                                 fixed(100.0 * c.after_median_rel_err, 1) + " % (on these nets)");
    printField("within 10 %", fixed(100.0 * c.before_share_within_10pct, 1) + " % -> " +
                                  fixed(100.0 * c.after_share_within_10pct, 1) + " %");
    const LutDrift& d = result->timed.drift;
    if (d.known())
        printField("drift", fixed(d.factor, 3) + " (anchor now / stored; the timings were " +
                                "divided by it), spread " + fixed(100.0 * d.spread, 1) + " %");
    else if (result->anchor)
        printField("anchor", fixed(result->anchor->us / 1000.0, 3) + " ms now, stored as the " +
                                 "reference (" + LutDrift::describe(d.status) + ")");
    printField("written", written);
    if (LutCalibrator::busy(c))
        printField("warning",
                   "these nets fit one scale and overhead only to " +
                       fixed(100.0 * c.after_median_rel_err, 1) +
                       " % (calm calibrations: under 4 %): the machine was likely "
                       "busy while they were timed, each time; calibrate again when it is idle");
    return kExitOk;
}

} // namespace dnas::cli
