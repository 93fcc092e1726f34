// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/LutShowCommand.h"
#include "cli/CliOutput.h"
#include "cli/CommandParser.h"
#include "cli/TextTable.h"
#include "engine/cost/LutCache.h"
#include "engine/space/SearchSpace.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace dnas::cli {

namespace {

nlohmann::json msOrNull(const LatencyTable& t, const OpSignature& sig) {
    const LutEntry* e = t.find(sig);
    return e ? nlohmann::json(e->latency_us / 1000.0) : nlohmann::json(nullptr);
}

std::string cell(const LatencyTable& t, const OpSignature& sig) {
    const LutEntry* e = t.find(sig);
    return e ? fixed(e->latency_us / 1000.0, 3) : "-";
}

// Every op any layer offers, in the space's catalogue order: the table's columns.
std::vector<std::string> columnOps(const SearchSpace& space) {
    std::vector<std::string> ops;
    for (const auto& name : space.opNames())
        for (const auto& l : space.layers)
            if (std::find(l.candidates.begin(), l.candidates.end(), name) != l.candidates.end()) {
                ops.push_back(name);
                break;
            }
    return ops;
}

std::string shape(const OpSignature& s) {
    return std::to_string(s.c_in) + "->" + std::to_string(s.c_out) + " " + std::to_string(s.h) +
           "x" + std::to_string(s.w) + " s" + std::to_string(s.stride);
}

} // namespace

int LutShowCommand::run(const QStringList& args) {
    CommandParser p(args.value(0),
                    "Prints a LUT's device, provenance and number of entries. With --space, also "
                    "its latencies in ms as a table of the space's layers x candidate ops ('-' "
                    "where the LUT has no entry) and the signatures it lacks for the space.");
    p.addPositional("lut", "LUT: built-in name, file, or 'auto' (this machine's).");
    p.addOption("space", "SPACE", "Search space preset or file to lay the LUT out by.");
    p.addFlag("json", "Print JSON instead of text.");
    if (!p.parse(args))
        return kExitOk;
    const LatencyTable t = LutCache::resolve(p.positional(0));
    nlohmann::json j = {{"file", t.source},
                        {"device", t.device},
                        {"provenance", t.provenance},
                        {"entries", t.size()},
                        {"energy", t.hasEnergy()}};
    if (!p.isSet("space")) {
        if (p.isSet("json")) {
            printJson(j);
            return kExitOk;
        }
        printField("file", t.source);
        printField("device", t.device.dump());
        printField("provenance", t.provenance.dump());
        printField("entries", std::to_string(t.size()) + (t.hasEnergy() ? " (with energy)" : ""));
        return kExitOk;
    }
    const SearchSpace space = SearchSpace::load(p.value("space"));
    const auto shapes = space.layerShapes();
    const auto ops = columnOps(space);
    const auto fixedSigs = LatencyTable::fixedSignatures(space);
    const auto missing = t.missing(space);
    TextTable table;
    table.addColumn("layer");
    table.addColumn("shape");
    for (const auto& op : ops)
        table.addColumn(op, TextTable::Align::Right);
    nlohmann::json layers = nlohmann::json::array();
    auto fixedRow = [&](const OpSignature& sig) {
        // A fixed part's cost sits in the first op column, as in the CSV export.
        table.addRow({sig.op, shape(sig), cell(t, sig)});
        layers.push_back({{"layer", sig.op}, {"shape", shape(sig)}, {"ms", msOrNull(t, sig)}});
    };
    fixedRow(fixedSigs[0]);
    for (size_t l = 0; l < shapes.size(); ++l) {
        const auto& s = shapes[l];
        const OpSignature base{"", s.c_in, s.c_out, s.h, s.w, s.stride};
        std::vector<std::string> row = {std::to_string(l), shape(base)};
        nlohmann::json cells = nlohmann::json::object();
        for (const auto& op : ops) {
            const auto& cands = space.layers[l].candidates;
            if (std::find(cands.begin(), cands.end(), op) == cands.end()) {
                row.push_back("");
                continue;
            }
            OpSignature sig = base;
            sig.op = op;
            row.push_back(cell(t, sig));
            cells[op] = msOrNull(t, sig);
        }
        table.addRow(std::move(row));
        layers.push_back({{"layer", l}, {"shape", shape(base)}, {"ms", cells}});
    }
    for (size_t k = 1; k < fixedSigs.size(); ++k)
        fixedRow(fixedSigs[k]);
    nlohmann::json missingJson = nlohmann::json::array();
    for (const auto& m : missing)
        missingJson.push_back(m.describe());
    if (p.isSet("json")) {
        j["space"] = space.name;
        j["layers"] = layers;
        j["missing"] = missingJson;
        printJson(j);
        return kExitOk;
    }
    printField("device", t.deviceName());
    printField("provenance", t.provenance.value("kind", std::string("unknown")));
    printField("entries", std::to_string(t.size()));
    printField("space", space.name + " (latency in ms)");
    table.print();
    if (missing.empty()) {
        printLine("complete for " + space.name);
        return kExitOk;
    }
    printLine(std::to_string(missing.size()) + " signatures missing for " + space.name + ":");
    for (const auto& m : missing)
        printLine("  " + m.describe());
    return kExitOk;
}

} // namespace dnas::cli
