// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "cli/CliCommand.h"

namespace dnas::cli {

// `dnas sample RUN [-k K]`: architectures from a run's current θ, with cost and one-shot
// accuracy, the Pareto front marked.
class SampleCommand : public CliCommand {
  public:
    QString name() const override { return "sample"; }
    QString summary() const override { return "Sample architectures from a run's theta."; }
    int run(const QStringList& args) override;
};

} // namespace dnas::cli
