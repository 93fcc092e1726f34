// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QCommandLineParser>
#include <QString>
#include <QStringList>
#include <optional>
#include <string>
#include <vector>

namespace dnas::cli {

// QCommandLineParser set up the way every dnas subcommand wants it: --help is handled here and
// prints a usage line naming the full command ("dnas space show"), bad input throws (so the
// dispatcher turns it into one line on stderr and exit 2) instead of Qt's process() exiting
// with code 1, and typed getters name the offending option.
class CommandParser {
  public:
    // `command` is args[0] of CliCommand::run ("dnas cost"); `description` one or two sentences.
    CommandParser(QString command, QString description);

    // --name (and -c when `shortName` is given) taking a value shown as `valueName` in help.
    void addOption(const QString& name, const QString& valueName, const QString& help,
                   const QString& shortName = {});
    void addFlag(const QString& name, const QString& help, const QString& shortName = {});
    // Positionals are required unless `optional`; optional ones must come last.
    void addPositional(const QString& name, const QString& help, bool optional = false);
    // Free text appended to --help (examples, notes).
    void setEpilog(const QString& text) { epilog_ = text; }

    // False when --help was printed (the caller returns 0). Throws std::runtime_error on an
    // unknown option, a missing value or a wrong number of positionals.
    bool parse(const QStringList& args);

    bool isSet(const QString& name) const { return parser_.isSet(name); }
    std::string value(const QString& name) const;
    std::optional<std::string> optionalValue(const QString& name) const;
    std::vector<std::string> values(const QString& name) const; // a repeatable option, in order
    std::optional<int> intValue(const QString& name, int lo, int hi) const;
    std::optional<double> doubleValue(const QString& name, double lo, double hi) const;
    std::optional<bool> boolValue(const QString& name) const; // true/false, yes/no, 1/0
    // Positional by declaration order; empty when an optional one was not given.
    std::string positional(int index) const;

    QString helpText() const;

  private:
    struct Positional {
        QString name, help;
        bool optional;
    };
    QString command_;
    QString description_;
    QString epilog_;
    QCommandLineParser parser_;
    QList<Positional> positionals_;
    QStringList values_;
};

} // namespace dnas::cli
