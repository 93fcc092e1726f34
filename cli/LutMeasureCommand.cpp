// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/LutMeasureCommand.h"
#include "cli/CliOutput.h"
#include "cli/CommandParser.h"
#include "cli/ConsoleProgress.h"
#include "cli/TimingCliOptions.h"
#include "engine/cost/LutCache.h"
#include "engine/cost/LutMeasurer.h"
#include "engine/space/SearchSpace.h"

#include <nlohmann/json.hpp>

namespace dnas::cli {

int LutMeasureCommand::run(const QStringList& args) {
    CommandParser p(args.value(0),
                    "Times every block the space needs (each candidate op at each layer shape, "
                    "plus stem, head, pool and fc) alone on this machine's CPU, channels-last in "
                    "eval mode, and writes the p50 latencies as a LUT. A fixed net of the space "
                    "(each layer's middle candidate), timed whole between the blocks, is stored "
                    "with them as the anchor that 'dnas lut check' and 'calibrate' time again "
                    "to tell the machine's drift from the LUT's error.");
    p.addPositional("space", "Search space preset or file.");
    p.addOption("out", "OUT", "LUT file to write (*.lut.json).", "o");
    addTimingOptions(p, "block");
    p.addOption("missing-from", "LUT",
                "Measure only what this LUT ('auto': the cached one) lacks for the space; the "
                "output holds its entries plus the new ones.");
    p.setEpilog("Examples:\n  dnas lut measure fbnet-fmnist -o fmnist-here.lut.json\n"
                "  dnas lut measure fbnet --missing-from fmnist-here.lut.json -o all.lut.json\n");
    if (!p.parse(args))
        return kExitOk;
    if (!p.isSet("out"))
        throw std::runtime_error("--out is required");
    const SearchSpace space = SearchSpace::load(p.positional(0));
    TimingOptions o;
    readTimingOptions(p, o);

    LatencyTable base;
    if (p.isSet("missing-from"))
        base = LutCache::resolve(p.value("missing-from"));
    const LutMeasurer measurer(o);
    ConsoleProgress progress("measuring");
    const MeasureResult r = measurer.measure(space, base.missing(space), std::ref(progress));
    LatencyTable out = base;
    out.merge(r.table);
    out.device = r.table.device;
    out.provenance = r.table.provenance;
    out.provenance["space"] = space.name;
    if (p.isSet("missing-from"))
        out.provenance["completes"] = p.value("missing-from");
    out.save(p.value("out"));
    printLine("measured " + std::to_string(r.measured) + " blocks in " + fixed(r.seconds, 1) +
              " s (" + std::to_string(out.size()) + " entries) -> " + p.value("out"));
    if (const auto a = r.table.anchors.find(space.name); a != r.table.anchors.end())
        printLine("anchor " + a->second.arch.toString() + ": " + fixed(a->second.us / 1000.0, 3) +
                  " ms (the machine's speed for these blocks)");
    return kExitOk;
}

} // namespace dnas::cli
