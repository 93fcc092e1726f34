// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "cli/CliCommand.h"

namespace dnas::cli {

// `dnas lut export LUT --format csv --space S -o OUT`: a LUT as a layers x ops spreadsheet.
class LutExportCommand : public CliCommand {
  public:
    QString name() const override { return "export"; }
    QString summary() const override { return "Export a LUT as CSV (layers x ops of a space)"; }
    int run(const QStringList& args) override;
};

} // namespace dnas::cli
