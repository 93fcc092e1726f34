// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/CliCommand.h"

namespace dnas::cli {

std::vector<std::unique_ptr<CliCommand>> allCommands() {
    std::vector<std::unique_ptr<CliCommand>> v;
    // Each subcommand adds one line here: v.push_back(std::make_unique<XxxCommand>());
    return v;
}

} // namespace dnas::cli
