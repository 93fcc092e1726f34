// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/LutCommand.h"
#include "cli/LutAnchorCommand.h"
#include "cli/LutCalibrateCommand.h"
#include "cli/LutCheckCommand.h"
#include "cli/LutExportCommand.h"
#include "cli/LutFitCommand.h"
#include "cli/LutImportCommand.h"
#include "cli/LutListCommand.h"
#include "cli/LutMeasureCommand.h"
#include "cli/LutShowCommand.h"

namespace dnas::cli {

LutCommand::LutCommand()
    : CommandGroup("lut", "Measure, import, fit, calibrate, check, anchor and inspect device "
                          "latency tables (LUTs)") {
    // One line per verb, in the order `dnas lut --help` lists them.
    add<LutListCommand>();
    add<LutShowCommand>();
    add<LutMeasureCommand>();
    add<LutImportCommand>();
    add<LutExportCommand>();
    add<LutFitCommand>();
    add<LutCalibrateCommand>();
    add<LutCheckCommand>();
    add<LutAnchorCommand>();
}

} // namespace dnas::cli
