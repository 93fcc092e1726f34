// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "cli/CliCommand.h"

namespace dnas::cli {

// `dnas search (STUDY | --space S --data D [--lut L | --cost K]) [settings] --out RUN`
class SearchCommand : public CliCommand {
  public:
    QString name() const override { return "search"; }
    QString summary() const override { return "Run a DNAS search into a run folder."; }
    int run(const QStringList& args) override;
};

// `dnas resume RUN`: continue a stopped or killed search from its last checkpoint.
class ResumeCommand : public CliCommand {
  public:
    QString name() const override { return "resume"; }
    QString summary() const override { return "Resume a stopped or killed search."; }
    int run(const QStringList& args) override;
};

} // namespace dnas::cli
