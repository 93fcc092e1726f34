// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "cli/CliCommand.h"

namespace dnas::cli {

// `dnas sweep STUDY (--targets MS,MS,... | --count N) [--retrain proxy|full] --out DIR`: one
// target search per latency into DIR/target-<ms>ms, one after another, then optionally each
// found net retrained; a sweep run again resumes at the target it was on.
class SweepCommand : public CliCommand {
  public:
    QString name() const override { return "sweep"; }
    QString summary() const override { return "Search a front: one target search per latency."; }
    int run(const QStringList& args) override;
};

} // namespace dnas::cli
