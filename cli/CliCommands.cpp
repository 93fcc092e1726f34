// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/CliCommand.h"
#include "cli/CostCommand.h"
#include "cli/ExportCommand.h"
#include "cli/LutCommand.h"
#include "cli/SampleCommand.h"
#include "cli/SearchCommand.h"
#include "cli/SpaceCommand.h"
#include "cli/SweepCommand.h"
#include "cli/TrainCommand.h"

namespace dnas::cli {

std::vector<std::unique_ptr<CliCommand>> allCommands() {
    std::vector<std::unique_ptr<CliCommand>> v;
    // Each subcommand adds one line here: v.push_back(std::make_unique<XxxCommand>());
    // Verbs of a group (space, lut) are added in that group's constructor instead.
    v.push_back(std::make_unique<SpaceCommand>());
    v.push_back(std::make_unique<CostCommand>());
    v.push_back(std::make_unique<LutCommand>());
    v.push_back(std::make_unique<SearchCommand>());
    v.push_back(std::make_unique<ResumeCommand>());
    v.push_back(std::make_unique<SweepCommand>());
    v.push_back(std::make_unique<SampleCommand>());
    v.push_back(std::make_unique<TrainCommand>());
    v.push_back(std::make_unique<ExportCommand>());
    return v;
}

} // namespace dnas::cli
