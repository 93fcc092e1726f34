// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/LutCommand.h"
#include "cli/LutListCommand.h"

namespace dnas::cli {

LutCommand::LutCommand() : CommandGroup("lut", "List and inspect device latency tables (LUTs)") {
    // One line per verb, in the order `dnas lut --help` lists them.
    add<LutListCommand>();
}

} // namespace dnas::cli
