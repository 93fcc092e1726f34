// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "cli/CliCommand.h"

namespace dnas::cli {

// `dnas lut import FILE --format hw-nas-bench|nni|csv [--device NAME] [--space S] -o OUT`:
// another tool's table as a dnas LUT.
class LutImportCommand : public CliCommand {
  public:
    QString name() const override { return "import"; }
    QString summary() const override { return "Import HW-NAS-Bench, NNI or CSV tables"; }
    int run(const QStringList& args) override;
};

} // namespace dnas::cli
