// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "cli/CliCommand.h"

namespace dnas::cli {

// `dnas space show SPACE [--json]`: the space as a summary and a per-layer table, or its JSON.
class SpaceShowCommand : public CliCommand {
  public:
    QString name() const override { return "show"; }
    QString summary() const override { return "Print a search space: stem, layers, head"; }
    int run(const QStringList& args) override;
};

} // namespace dnas::cli
