// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/LutImportCommand.h"
#include "cli/CliOutput.h"
#include "cli/CommandParser.h"
#include "engine/cost/CsvLut.h"
#include "engine/cost/HwNasBenchImporter.h"
#include "engine/cost/NniLutImporter.h"
#include "engine/space/SearchSpace.h"
#include "engine/util/DnasError.h"
#include "engine/util/JsonFile.h"

#include <nlohmann/json.hpp>

namespace dnas::cli {

int LutImportCommand::run(const QStringList& args) {
    CommandParser p(args.value(0),
                    "Converts a per-block cost table from another tool into a dnas LUT: "
                    "HW-NAS-Bench's raw FBNet dict (one device per import), NNI's FBNet lut.txt, "
                    "or a CSV of layers x ops for a space (as 'dnas lut export' writes).");
    p.addPositional("file", "The table to import.");
    p.addOption("format", "FORMAT", "hw-nas-bench, nni or csv.");
    p.addOption("device", "NAME",
                "hw-nas-bench: the device to take (edgegpu, raspi4, pixel3, eyeriss, fpga); "
                "nni and csv: the device name to record.");
    p.addOption("space", "SPACE", "csv: the space whose layers the rows index.");
    p.addOption("out", "OUT", "LUT file to write (*.lut.json).", "o");
    if (!p.parse(args))
        return kExitOk;
    if (!p.isSet("format"))
        throw std::runtime_error("--format is required");
    if (!p.isSet("out"))
        throw std::runtime_error("--out is required");
    const std::string file = p.positional(0), format = p.value("format");
    LatencyTable t;
    if (format == "hw-nas-bench") {
        if (!p.isSet("device")) {
            const auto devices = HwNasBenchImporter::devices(readJsonFile(file));
            throw DnasError(file, "", "--device is required; this file has " + join(devices));
        }
        t = HwNasBenchImporter::importFile(file, p.value("device"));
    } else if (format == "nni" || format == "csv") {
        if (format == "nni") {
            t = NniLutImporter::importFile(file);
        } else {
            if (!p.isSet("space"))
                throw std::runtime_error("--space is required for csv");
            t = CsvLut::read(file, SearchSpace::load(p.value("space")));
        }
        if (p.isSet("device"))
            t.device["name"] = p.value("device");
    } else {
        throw std::runtime_error("--format expects hw-nas-bench, nni or csv, not '" + format + "'");
    }
    t.save(p.value("out"));
    printLine("imported " + std::to_string(t.size()) + " entries (" + t.deviceName() + ") -> " +
              p.value("out"));
    return kExitOk;
}

} // namespace dnas::cli
