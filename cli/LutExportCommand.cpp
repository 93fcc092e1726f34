// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/LutExportCommand.h"
#include "cli/CliOutput.h"
#include "cli/CommandParser.h"
#include "engine/cost/CsvLut.h"
#include "engine/cost/LutCache.h"
#include "engine/space/SearchSpace.h"

namespace dnas::cli {

int LutExportCommand::run(const QStringList& args) {
    CommandParser p(args.value(0),
                    "Writes a LUT as CSV, one row per layer of a space (and stem, head, pool, "
                    "fc), one column per candidate op, latencies in microseconds. Empty cells are "
                    "signatures the LUT lacks. 'dnas lut import --format csv' reads it back.");
    p.addPositional("lut", "LUT: built-in name, file, or 'auto' (this machine's).");
    p.addOption("format", "FORMAT", "csv (the only one; default).");
    p.addOption("space", "SPACE", "The space whose layers become rows.");
    p.addOption("out", "OUT", "File to write.", "o");
    if (!p.parse(args))
        return kExitOk;
    if (p.isSet("format") && p.value("format") != "csv")
        throw std::runtime_error("--format expects csv, not '" + p.value("format") + "'");
    if (!p.isSet("space"))
        throw std::runtime_error("--space is required");
    if (!p.isSet("out"))
        throw std::runtime_error("--out is required");
    const LatencyTable t = LutCache::resolve(p.positional(0));
    const SearchSpace space = SearchSpace::load(p.value("space"));
    CsvLut::write(p.value("out"), t, space);
    printLine("wrote " + p.value("out") + " (" + std::to_string(space.layers.size()) + " layers, " +
              std::to_string(t.missing(space).size()) + " missing cells)");
    return kExitOk;
}

} // namespace dnas::cli
