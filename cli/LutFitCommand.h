// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "cli/CliCommand.h"

namespace dnas::cli {

// `dnas lut fit TIMINGS --space S -o OUT [--holdout F] [--seed S] [--json]`: a LUT fitted to
// whole-network timings.
class LutFitCommand : public CliCommand {
  public:
    QString name() const override { return "fit"; }
    QString summary() const override { return "Fit a LUT to whole-network timings"; }
    int run(const QStringList& args) override;
};

} // namespace dnas::cli
