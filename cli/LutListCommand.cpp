// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/LutListCommand.h"
#include "cli/CliOutput.h"
#include "cli/CommandParser.h"
#include "cli/TextTable.h"
#include "engine/cost/LatencyTable.h"

#include <nlohmann/json.hpp>

namespace dnas::cli {

namespace {
std::string deviceKind(const LatencyTable& lut) {
    const auto& d = lut.device;
    return d.contains("kind") && d["kind"].is_string() ? d["kind"].get<std::string>() : "";
}
} // namespace

int LutListCommand::run(const QStringList& args) {
    CommandParser p(args.value(0),
                    "Lists the LUTs shipped with DNAS Studio (usable by name wherever a LUT is "
                    "asked for, e.g. 'dnas cost --lut NAME'): device name, kind, number of "
                    "entries and whether energy is present.");
    p.addFlag("json", "Print a JSON array instead of a table.");
    if (!p.parse(args))
        return kExitOk;

    nlohmann::json list = nlohmann::json::array();
    TextTable t;
    t.addColumn("name");
    t.addColumn("device");
    t.addColumn("kind");
    t.addColumn("entries", TextTable::Align::Right);
    t.addColumn("energy");
    for (const auto& name : LatencyTable::builtinNames()) {
        const LatencyTable lut = LatencyTable::load(name);
        const bool energy = lut.hasEnergy();
        list.push_back({{"name", name},
                        {"device", lut.deviceName()},
                        {"kind", deviceKind(lut)},
                        {"entries", lut.size()},
                        {"energy", energy},
                        {"file", lut.source}});
        t.addRow({name, lut.deviceName(), deviceKind(lut), std::to_string(lut.size()),
                  energy ? "yes" : "no"});
    }
    if (p.isSet("json"))
        printJson(list);
    else
        t.print();
    return kExitOk;
}

} // namespace dnas::cli
