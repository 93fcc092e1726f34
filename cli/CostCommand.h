// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "cli/CliCommand.h"

namespace dnas::cli {

// `dnas cost SPACE --arch ARCH [--lut LUT] [--always-pw B] [--head N] [--json]`: multiply-adds
// and parameters of one architecture, plus latency and energy when a LUT is given.
class CostCommand : public CliCommand {
  public:
    QString name() const override { return "cost"; }
    QString summary() const override {
        return "MACs, parameters, LUT latency and energy of an architecture";
    }
    int run(const QStringList& args) override;
};

} // namespace dnas::cli
