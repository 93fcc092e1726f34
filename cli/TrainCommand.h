// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "cli/CliCommand.h"

namespace dnas::cli {

// `dnas train (RUN | SPACE --arch A --data D) [--epochs N] --out DIR`: retrain from scratch.
class TrainCommand : public CliCommand {
  public:
    QString name() const override { return "train"; }
    QString summary() const override { return "Retrain an architecture from scratch."; }
    int run(const QStringList& args) override;
};

} // namespace dnas::cli
