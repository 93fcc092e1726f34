// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/SpaceCommand.h"
#include "cli/SpaceShowCommand.h"
#include "cli/SpaceValidateCommand.h"

namespace dnas::cli {

SpaceCommand::SpaceCommand() : CommandGroup("space", "Show or validate a search space") {
    // One line per verb, in the order `dnas space --help` lists them.
    add<SpaceShowCommand>();
    add<SpaceValidateCommand>();
}

} // namespace dnas::cli
