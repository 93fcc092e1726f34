// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "cli/CliCommand.h"

#include <memory>
#include <vector>

namespace dnas::cli {

// A subcommand made of verbs: `dnas space show|validate`, `dnas lut list|measure|...`.
// Each verb is itself a CliCommand (one class per file); the group dispatches args[1] to it,
// passing "dnas <group> <verb>" as the verb's args[0], and prints "dnas <group> <verb>: msg"
// for a verb's error, so messages name the full command.
//
// Adding a verb: write XxxYyyCommand (name() = "yyy") and add one `add<XxxYyyCommand>()` line
// to the group's constructor.
class CommandGroup : public CliCommand {
  public:
    QString name() const override { return name_; }
    QString summary() const override { return summary_; }
    int run(const QStringList& args) override;

    const std::vector<std::unique_ptr<CliCommand>>& verbs() const { return verbs_; }

  protected:
    CommandGroup(QString name, QString summary)
        : name_(std::move(name)), summary_(std::move(summary)) {}
    template <class Verb, class... Args> void add(Args&&... args) {
        verbs_.push_back(std::make_unique<Verb>(std::forward<Args>(args)...));
    }

  private:
    QString helpText(const QString& command) const;
    QString name_;
    QString summary_;
    std::vector<std::unique_ptr<CliCommand>> verbs_;
};

} // namespace dnas::cli
