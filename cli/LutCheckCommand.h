// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "cli/CliCommand.h"

namespace dnas::cli {

// `dnas lut check SPACE --lut L [--archs N] [--json]`: how well a LUT's sums predict whole
// random networks timed on this machine.
class LutCheckCommand : public CliCommand {
  public:
    QString name() const override { return "check"; }
    QString summary() const override { return "Compare LUT sums with whole-network timings"; }
    int run(const QStringList& args) override;
};

} // namespace dnas::cli
