// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/LutMeasureCommand.h"
#include "cli/CliOutput.h"
#include "cli/CommandParser.h"
#include "cli/ConsoleProgress.h"
#include "cli/TimingCliOptions.h"
#include "engine/cost/LutCache.h"
#include "engine/cost/LutMeasurer.h"
#include "engine/cost/LutRebase.h"
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
    addTimingOptions(p, "block and round");
    p.addOption("rounds", "R",
                QStringLiteral("Rounds over all blocks (default %1): each block is timed once a "
                               "round and keeps the lowest of its rounds' p50s, so one burst of "
                               "load reaches one round, not the block.")
                    .arg(kDefaultMeasureRounds));
    p.addOption("missing-from", "LUT",
                "Measure only what this LUT ('auto': the cached one) lacks for the space; the "
                "output holds its entries plus the new ones. When it has an anchor for the "
                "space, the new blocks are divided by the drift (anchor now / stored) and it "
                "keeps its anchor, so all its blocks stay at one speed.");
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
    const int rounds = p.intValue("rounds", 1, 1000).value_or(kDefaultMeasureRounds);
    const LutMeasurer measurer(o, rounds);
    ConsoleProgress progress("measuring");
    const MeasureResult r = measurer.measure(space, base.missing(space), std::ref(progress));
    // The base's blocks were timed at the speed its anchor records: the new ones join them on
    // that basis (divided by the drift), or bring the first anchor (LutRebase).
    const LutRebase joined = LutRebase::onto(space, base, r.table);
    LatencyTable out = base;
    out.merge(joined.table);
    out.device = r.table.device;
    out.provenance = joined.table.provenance;
    out.provenance["space"] = space.name;
    if (p.isSet("missing-from"))
        out.provenance["completes"] = p.value("missing-from");
    out.save(p.value("out"));
    printLine("measured " + std::to_string(r.measured) + " blocks in " + fixed(r.seconds, 1) +
              " s (" + std::to_string(out.size()) + " entries) -> " + p.value("out"));
    if (const std::string basis = joined.describe(); !basis.empty())
        printLine(basis);
    else if (joined.timed)
        printLine("anchor " + joined.timed->arch.toString() + ": " +
                  fixed(joined.timed->us / 1000.0, 3) +
                  " ms (the machine's speed for these blocks)");
    return kExitOk;
}

} // namespace dnas::cli
