// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "cli/CliCommand.h"

namespace dnas::cli {

// `dnas lut measure SPACE -o OUT [--batch B] [--repeats N] [--threads T] [--missing-from LUT]`:
// times every block a space needs on this machine and writes a LUT.
class LutMeasureCommand : public CliCommand {
  public:
    QString name() const override { return "measure"; }
    QString summary() const override { return "Measure a LUT for a space on this machine"; }
    int run(const QStringList& args) override;
};

} // namespace dnas::cli
