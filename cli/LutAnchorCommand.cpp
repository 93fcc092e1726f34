// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/LutAnchorCommand.h"
#include "cli/CliOutput.h"
#include "cli/CommandParser.h"
#include "cli/TimingCliOptions.h"
#include "engine/cost/LutCache.h"
#include "engine/cost/LutMeasurer.h"
#include "engine/cost/LutProvenance.h"
#include "engine/cost/LutRebase.h"
#include "engine/space/SearchSpace.h"
#include "engine/util/DnasError.h"

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

namespace dnas::cli {

namespace {
// Timings of the anchor net, the fastest stored (load only adds time, LutDrift::fastestUs), and
// five whole FBNet nets take a few seconds.
constexpr int kDefaultAnchorTimings = 5;
// Told with every anchor added this way: it is an assumption, not a measurement of the blocks.
constexpr const char* kAssumption =
    "this machine runs now as fast as when the LUT's blocks were timed; a drift that check "
    "reports is relative to today, and measuring the LUT again removes the assumption";

std::string stringOr(const nlohmann::json& object, const char* key, const std::string& fallback) {
    return object.is_object() && object.contains(key) && object[key].is_string()
               ? object[key].get<std::string>()
               : fallback;
}
} // namespace

int LutAnchorCommand::run(const QStringList& args) {
    CommandParser p(
        args.value(0),
        "Times the space's anchor net (each layer's middle candidate) whole on this machine and "
        "stores it in the LUT as the speed its blocks were measured at, for a LUT measured "
        "before anchors existed: 'dnas lut check' and 'calibrate' then report the machine's "
        "drift since, without every block being measured again. It assumes that the machine "
        "runs now as fast as when the blocks were timed; 'dnas lut measure' times the anchor "
        "with the blocks and needs no such assumption.");
    p.addPositional("space", "Search space preset or file.");
    p.addOption("lut", "LUT", "LUT file measured by dnas, or 'auto' (this machine's, in place).");
    p.addOption("out", "OUT", "LUT file to write (default: the --lut file itself).", "o");
    p.addOption("timings", "N",
                QStringLiteral("Timings of the anchor net, the fastest stored (default %1).")
                    .arg(kDefaultAnchorTimings));
    addTimingOptions(p, "timing");
    p.addFlag("replace", "Replace the anchor the LUT has for the space: its blocks' speed is "
                         "then taken to be today's.");
    p.addFlag("json", "Print the anchor as JSON.");
    p.setEpilog("Example:\n  dnas lut anchor fbnet-fmnist --lut here.lut.json --threads 1\n");
    if (!p.parse(args))
        return kExitOk;
    if (!p.isSet("lut"))
        throw std::runtime_error("--lut is required");
    const SearchSpace space = SearchSpace::load(p.positional(0));
    const std::string ref = p.value("lut");
    LatencyTable lut = LutCache::resolve(ref);
    const std::string file = lut.source.empty() ? ref : lut.source;
    TimingOptions o;
    readTimingOptions(p, o);
    int timings = kDefaultAnchorTimings;
    if (auto v = p.intValue("timings", 1, 1000))
        timings = *v;

    // An anchor is the speed of the table's blocks on this machine: only a table timed here,
    // with the settings the anchor is timed with, has one.
    if (!LutProvenance::recorded(lut))
        throw DnasError(file, "device.kind",
                        "\"" + stringOr(lut.device, "kind", "") +
                            "\" is not a LUT measured by dnas; an anchor times this machine, "
                            "which says nothing of another device's table");
    for (const LutMismatch& m :
         LutProvenance::mismatches(lut, LutProvenance::current(o.threads, o.batch))) {
        const bool option = m.field == "threads" || m.field == "batch";
        throw DnasError(file, "device." + m.field,
                        m.message + ": an anchor timed so is not the speed of its blocks" +
                            (option ? " (give --" + m.field + " as the LUT was measured)" : ""));
    }
    if (const auto it = lut.anchors.find(space.name);
        it != lut.anchors.end() && !p.isSet("replace"))
        throw DnasError(file, "anchors." + space.name,
                        "the LUT has an anchor for the space already (" + it->second.when +
                            "); --replace times a new one");
    if (const auto sig = LutRebase::firstMissing(space, lut, LutAnchor::architectureFor(space)))
        throw DnasError(file, "entries",
                        "no entry for the anchor net's block " + sig->describe() +
                            "; 'dnas lut measure SPACE --missing-from LUT' measures what the "
                            "LUT lacks and times the anchor with it");
    const bool intoCache = ref == LutCache::kAuto && !p.isSet("out");
    if (!intoCache && !p.isSet("out") && !std::filesystem::is_regular_file(ref))
        throw std::runtime_error("--out is required to anchor the built-in LUT " + ref);

    std::vector<double> us;
    const LutAnchor anchor = LutMeasurer(o).measureAnchor(space, timings, &us);
    std::string written;
    if (intoCache) {
        LutCache::storeAnchor(space.name, anchor);
        written = LutCache::path();
    } else {
        lut.anchors[space.name] = anchor;
        written = p.isSet("out") ? p.value("out") : lut.source;
        lut.save(written);
    }
    const auto [lo, hi] = std::minmax_element(us.begin(), us.end());
    const double spread = (*hi - *lo) / *lo;
    if (p.isSet("json")) {
        printJson({{"space", space.name},
                   {"written", written},
                   {"anchor", anchor.toJson()},
                   {"timings_us", us},
                   {"spread", spread},
                   {"assumes", kAssumption}});
        return kExitOk;
    }
    printField("anchor", anchor.arch.toString());
    printField("time", fixed(anchor.us / 1000.0, 3) + " ms, the fastest of " +
                           std::to_string(us.size()) + " timings (spread " +
                           fixed(100.0 * spread, 1) + " %), " + std::to_string(anchor.threads) +
                           " thread(s), batch " + std::to_string(anchor.batch));
    printField("assumes", std::string(kAssumption) + " (" +
                              stringOr(lut.provenance, "date", "date unknown") + ")");
    printField("written", written);
    return kExitOk;
}

} // namespace dnas::cli
