// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QCommandLineParser>
#include <QString>
#include <QStringList>
#include <memory>
#include <vector>

namespace dnas::cli {

// One `dnas <name> ...` subcommand. `args` starts with the program name followed by the
// subcommand's own arguments (so a QCommandLineParser can process it directly).
// Return the exit code; throw dnas::DnasError (or std::exception) for bad input: the dispatcher
// prints "dnas <name>: <message>" on one line and exits 2.
class CliCommand {
  public:
    virtual ~CliCommand() = default;
    virtual QString name() const = 0;
    virtual QString summary() const = 0;
    virtual int run(const QStringList& args) = 0;
};

// Every subcommand, in the order `dnas --help` lists them (CliCommands.cpp).
std::vector<std::unique_ptr<CliCommand>> allCommands();

} // namespace dnas::cli
