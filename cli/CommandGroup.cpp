// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/CommandGroup.h"
#include "cli/CliOutput.h"

#include <algorithm>
#include <iostream>

namespace dnas::cli {

QString CommandGroup::helpText(const QString& command) const {
    QString text =
        "Usage: " + command + " <verb> [options] [args]\n\n" + summary_ + ".\n\nVerbs:\n";
    int width = 0;
    for (const auto& v : verbs_)
        width = std::max(width, static_cast<int>(v->name().size()));
    for (const auto& v : verbs_)
        text += "  " + v->name().leftJustified(width + 2) + v->summary() + "\n";
    text += "\nRun '" + command + " <verb> --help' for a verb's options.\n";
    return text;
}

int CommandGroup::run(const QStringList& args) {
    const QString command = args.value(0, "dnas " + name_);
    const QString verb = args.value(1);
    if (verb == "--help" || verb == "-h" || verb == "help") {
        std::cout << helpText(command).toStdString();
        return kExitOk;
    }
    QStringList names;
    for (const auto& v : verbs_)
        names << v->name();
    if (verb.isEmpty())
        return reportError(command, "missing verb, one of: " + names.join(", ").toStdString() +
                                        " (see " + command.toStdString() + " --help)");
    for (const auto& v : verbs_) {
        if (v->name() != verb)
            continue;
        const QString verbCommand = command + " " + verb;
        QStringList rest = args.mid(2);
        rest.prepend(verbCommand);
        try {
            return v->run(rest);
        } catch (const std::exception& e) {
            return reportException(verbCommand, e);
        }
    }
    return reportError(command, "unknown verb '" + verb.toStdString() +
                                    "', one of: " + names.join(", ").toStdString() + " (see " +
                                    command.toStdString() + " --help)");
}

} // namespace dnas::cli
