// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "cli/CliCommand.h"

namespace dnas::cli {

// `dnas lut anchor SPACE --lut L [-o OUT] [--timings N] [--replace] [--json]`: times the space's
// anchor net now and stores it in a LUT measured before anchors existed (#21), so that check and
// calibrate can tell the machine's drift without every block being measured again.
class LutAnchorCommand : public CliCommand {
  public:
    QString name() const override { return "anchor"; }
    QString summary() const override {
        return "Add the machine-speed anchor to a LUT measured without one";
    }
    int run(const QStringList& args) override;
};

} // namespace dnas::cli
