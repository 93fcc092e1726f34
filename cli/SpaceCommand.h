// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "cli/CommandGroup.h"

namespace dnas::cli {

// `dnas space show|validate`.
class SpaceCommand : public CommandGroup {
  public:
    SpaceCommand();
};

} // namespace dnas::cli
