// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "cli/CliCommand.h"

namespace dnas::cli {

// `dnas lut calibrate SPACE --lut L [--archs 30] [-o OUT] [--json]`: times whole random nets
// and stores the space's per-op correction (LutCalibration) in the LUT.
class LutCalibrateCommand : public CliCommand {
  public:
    QString name() const override { return "calibrate"; }
    QString summary() const override { return "Fit a LUT to whole networks timed here"; }
    int run(const QStringList& args) override;
};

} // namespace dnas::cli
