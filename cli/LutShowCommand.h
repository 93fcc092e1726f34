// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "cli/CliCommand.h"

namespace dnas::cli {

// `dnas lut show LUT [--space S] [--json]`: a LUT's device, provenance and size; with a space,
// its costs as layers x ops and the signatures it lacks for that space.
class LutShowCommand : public CliCommand {
  public:
    QString name() const override { return "show"; }
    QString summary() const override { return "Show a LUT (as layers x ops of a space)"; }
    int run(const QStringList& args) override;
};

} // namespace dnas::cli
