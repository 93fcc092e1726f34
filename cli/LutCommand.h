// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "cli/CommandGroup.h"

namespace dnas::cli {

// `dnas lut <verb>`: device latency tables.
class LutCommand : public CommandGroup {
  public:
    LutCommand();
};

} // namespace dnas::cli
