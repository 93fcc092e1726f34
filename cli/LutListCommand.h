// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "cli/CliCommand.h"

namespace dnas::cli {

// `dnas lut list [--json]`: the built-in LUTs with device, kind, size and energy.
class LutListCommand : public CliCommand {
  public:
    QString name() const override { return "list"; }
    QString summary() const override { return "List the built-in LUTs"; }
    int run(const QStringList& args) override;
};

} // namespace dnas::cli
