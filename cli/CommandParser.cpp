// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/CommandParser.h"

#include <iostream>
#include <stdexcept>

namespace dnas::cli {

namespace {
std::runtime_error usageError(const QString& message) {
    return std::runtime_error(message.toStdString());
}

// Greedy word wrap; help texts are plain sentences.
QString wrap(const QString& text, int width) {
    QString out, line;
    for (const QString& word : text.split(' ', Qt::SkipEmptyParts)) {
        if (!line.isEmpty() && line.size() + 1 + word.size() > width) {
            out += line + "\n";
            line.clear();
        }
        line += (line.isEmpty() ? "" : " ") + word;
    }
    return out + line;
}
} // namespace

CommandParser::CommandParser(QString command, QString description)
    : command_(std::move(command)), description_(std::move(description)) {
    // Our own -h/--help instead of addHelpOption(): that one also adds --help-all, which only
    // lists Qt's GUI options, meaningless for a command line tool.
    parser_.addOption(QCommandLineOption({"h", "help"}, "Show this help."));
}

void CommandParser::addOption(const QString& name, const QString& valueName, const QString& help,
                              const QString& shortName) {
    QStringList names;
    if (!shortName.isEmpty())
        names << shortName;
    names << name;
    parser_.addOption(QCommandLineOption(names, help, valueName));
}

void CommandParser::addFlag(const QString& name, const QString& help, const QString& shortName) {
    QStringList names;
    if (!shortName.isEmpty())
        names << shortName;
    names << name;
    parser_.addOption(QCommandLineOption(names, help));
}

void CommandParser::addPositional(const QString& name, const QString& help, bool optional) {
    positionals_.append({name, help, optional});
    parser_.addPositionalArgument(name, help, optional ? "[" + name + "]" : name);
}

bool CommandParser::parse(const QStringList& args) {
    // QCommandLineParser skips args[0] as the program name; ours is the command path.
    if (!parser_.parse(args))
        throw usageError(parser_.errorText());
    if (parser_.isSet("help")) {
        std::cout << helpText().toStdString();
        std::cout.flush();
        return false;
    }
    values_ = parser_.positionalArguments();
    int required = 0;
    for (const auto& p : positionals_)
        required += p.optional ? 0 : 1;
    if (values_.size() < required)
        throw usageError("missing " + positionals_[static_cast<int>(values_.size())].name +
                         " (see " + command_ + " --help)");
    if (values_.size() > positionals_.size())
        throw usageError("unexpected argument '" + values_[positionals_.size()] + "' (see " +
                         command_ + " --help)");
    return true;
}

std::string CommandParser::value(const QString& name) const {
    return parser_.value(name).toStdString();
}

std::optional<std::string> CommandParser::optionalValue(const QString& name) const {
    if (!parser_.isSet(name))
        return std::nullopt;
    return parser_.value(name).toStdString();
}

std::optional<int> CommandParser::intValue(const QString& name, int lo, int hi) const {
    if (!parser_.isSet(name))
        return std::nullopt;
    bool ok = false;
    const int v = parser_.value(name).toInt(&ok);
    if (!ok || v < lo || v > hi)
        throw usageError("--" + name + " expects an integer in " + QString::number(lo) + ".." +
                         QString::number(hi) + ", got '" + parser_.value(name) + "'");
    return v;
}

std::vector<std::string> CommandParser::values(const QString& name) const {
    std::vector<std::string> out;
    for (const QString& v : parser_.values(name))
        out.push_back(v.toStdString());
    return out;
}

std::optional<double> CommandParser::doubleValue(const QString& name, double lo, double hi) const {
    if (!parser_.isSet(name))
        return std::nullopt;
    bool ok = false;
    const double v = parser_.value(name).toDouble(&ok);
    if (!ok || !(v >= lo && v <= hi))
        throw usageError("--" + name + " expects a number in " + QString::number(lo) + ".." +
                         QString::number(hi) + ", got '" + parser_.value(name) + "'");
    return v;
}

std::optional<bool> CommandParser::boolValue(const QString& name) const {
    if (!parser_.isSet(name))
        return std::nullopt;
    const QString v = parser_.value(name).toLower();
    if (v == "true" || v == "yes" || v == "1" || v == "on")
        return true;
    if (v == "false" || v == "no" || v == "0" || v == "off")
        return false;
    throw usageError("--" + name + " expects true or false, got '" + parser_.value(name) + "'");
}

std::string CommandParser::positional(int index) const {
    return index < values_.size() ? values_[index].toStdString() : std::string();
}

QString CommandParser::helpText() const {
    // Qt's usage line names the executable; ours must name the subcommand path instead.
    // Qt leaves the description unwrapped, so it is wrapped here and put between the two.
    QString text = parser_.helpText();
    const int eol = text.indexOf('\n');
    QString usage = "Usage: " + command_ + " [options]";
    for (const auto& p : positionals_)
        usage += p.optional ? " [" + p.name + "]" : " " + p.name;
    text = usage + "\n\n" + wrap(description_, 80) + (eol >= 0 ? text.mid(eol) : QString("\n"));
    if (!epilog_.isEmpty())
        text += "\n" + epilog_ + (epilog_.endsWith('\n') ? "" : "\n");
    return text;
}

} // namespace dnas::cli
