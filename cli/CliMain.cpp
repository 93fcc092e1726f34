// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/CliMain.h"
#include "cli/CliCommand.h"
#include "cli/CliOutput.h"
#include "engine/util/BuildConfig.h"

#include <QCoreApplication>
#include <algorithm>
#include <clocale>
#include <iostream>

namespace dnas::cli {

namespace {

QString topLevelHelp(const std::vector<std::unique_ptr<CliCommand>>& commands) {
    QString text = "Usage: dnas <command> [options] [args]\n\n"
                   "Hardware-aware differentiable neural architecture search (FBNet) from the\n"
                   "command line.\n\n"
                   "Commands:\n";
    int width = 0;
    for (const auto& c : commands)
        width = std::max(width, static_cast<int>(c->name().size()));
    for (const auto& c : commands)
        text += "  " + c->name().leftJustified(width + 2) + c->summary() + "\n";
    text += "\nOptions:\n"
            "  -h, --help     Show this help.\n"
            "  -v, --version  Show the version.\n\n"
            "Run 'dnas <command> --help' for a command's options and arguments.\n";
    return text;
}

int dispatch(const QStringList& argv) {
    auto commands = allCommands();
    const QString first = argv.value(1);
    if (first.isEmpty())
        return reportError("dnas", "missing command (see dnas --help)");
    if (first == "--help" || first == "-h" || first == "help") {
        // "dnas help space" is the same as "dnas space --help".
        if (first == "help" && argv.size() > 2)
            return dispatch({argv[0], argv[2], "--help"});
        std::cout << topLevelHelp(commands).toStdString();
        return kExitOk;
    }
    if (first == "--version" || first == "-v") {
        std::cout << "dnas " << DNAS_VERSION << std::endl;
        return kExitOk;
    }
    if (first.startsWith('-'))
        return reportError("dnas",
                           "unknown option '" + first.toStdString() + "' (see dnas --help)");
    for (const auto& c : commands) {
        if (c->name() != first)
            continue;
        const QString command = "dnas " + first;
        QStringList args = argv.mid(2);
        args.prepend(command);
        try {
            const int rc = c->run(args);
            std::cout.flush();
            return rc;
        } catch (const std::exception& e) {
            return reportException(command, e);
        }
    }
    return reportError("dnas", "unknown command '" + first.toStdString() + "' (see dnas --help)");
}

} // namespace

int runCli(int argc, char** argv) {
    // A core application gives QCommandLineParser and later commands (search: signals, timers)
    // what they expect; the CLI never needs a display.
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName("dnas");
    QCoreApplication::setApplicationVersion(DNAS_VERSION);
    // QCoreApplication sets the locale from the environment; numbers in JSON and tables must
    // keep '.' as decimal point whatever LANG says.
    std::setlocale(LC_NUMERIC, "C");
    try {
        return dispatch(QCoreApplication::arguments());
    } catch (const std::exception& e) {
        return reportException("dnas", e);
    }
}

} // namespace dnas::cli
