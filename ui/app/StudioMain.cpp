// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/app/StudioMain.h"

#include "engine/util/BuildConfig.h"
#include "ui/app/ThemePalette.h"
#include "ui/mainwindow/MainWindow.h"
#include "ui/mainwindow/SearchMenu.h"
#include "ui/runs/RunsModel.h"
#include "ui/runs/RunsPanel.h"
#include "ui/search/EngineJobFactory.h"
#include "ui/study/StudyDocument.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QSettings>

#include <cstring>

namespace dnas::ui {

namespace {
const char* const kOrganization = "DNAS Studio";
const char* const kOrganizationDomain = "dnasstudio.github.io";
const char* const kApplication = "dnas-studio";
const char* const kLastStudyKey = "study/last"; // written by MainWindow

// The study named on the command line, else the last one opened, else the default study.
void openInitialStudy(MainWindow& window, const QString& requested) {
    if (!requested.isEmpty() && window.openStudy(requested))
        return;
    const QString last = QSettings().value(kLastStudyKey).toString();
    if (requested.isEmpty() && !last.isEmpty() && QFileInfo::exists(last)) {
        // A last study that no longer loads falls back silently: it is not what was asked for.
        QString error;
        if (window.document()->open(last, &error))
            return;
    }
    window.newFromDefault();
}

// Options and arguments of dnas-studio; the help and version options are QCommandLineParser's.
struct StudioOptions {
    QCommandLineOption run{
        QStringLiteral("run"),
        QApplication::translate("runStudio", "Show a run folder written by `dnas search`."),
        QStringLiteral("dir")};
    QCommandLineOption compare{
        QStringLiteral("compare"),
        QApplication::translate("runStudio", "Add a run folder to the Runs panel and tick it; "
                                             "repeat to compare several runs."),
        QStringLiteral("dir")};

    void addTo(QCommandLineParser& parser) const {
        parser.setApplicationDescription(QApplication::translate(
            "runStudio", "Hardware-aware differentiable neural architecture search"));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addPositionalArgument(QStringLiteral("study"),
                                     QApplication::translate("runStudio", "A study file to open."),
                                     QStringLiteral("[study]"));
        parser.addOption(run);
        parser.addOption(compare);
    }
};

// Whether argv asks only for the help or the version, which need no display.
bool asksForHelpOrVersion(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const char* a = argv[i];
        if (std::strcmp(a, "--") == 0)
            return false;
        for (const char* flag : {"-h", "--help", "-?", "--help-all", "-v", "--version"})
            if (std::strcmp(a, flag) == 0)
                return true;
    }
    return false;
}

// Prints the help or the version with a core application only: QApplication would need a
// display (and abort without one) just to print a line. Qt's own options (-platform ...) are
// unknown to this parser and ignored here.
[[noreturn]] void showHelpOrVersion(int argc, char** argv) {
    QCoreApplication core(argc, argv);
    QCommandLineParser parser;
    const StudioOptions options;
    options.addTo(parser);
    parser.parse(QCoreApplication::arguments());
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();
    parser.showHelp(0);
}
} // namespace

int runStudio(int argc, char** argv) {
    QApplication::setOrganizationName(QString::fromLatin1(kOrganization));
    QApplication::setOrganizationDomain(QString::fromLatin1(kOrganizationDomain));
    QApplication::setApplicationName(QString::fromLatin1(kApplication));
    QApplication::setApplicationDisplayName(QStringLiteral("DNAS Studio"));
    QApplication::setApplicationVersion(QStringLiteral(DNAS_VERSION));
    QApplication::setDesktopFileName(QStringLiteral(DNAS_APP_ID));
    if (asksForHelpOrVersion(argc, argv))
        showHelpOrVersion(argc, argv);

    QApplication app(argc, argv);
    ThemePalette::apply(app);

    QCommandLineParser parser;
    const StudioOptions options;
    options.addTo(parser);
    parser.process(app);

    MainWindow window(std::make_unique<EngineJobFactory>());
    window.restoreSettings();
    const QStringList args = parser.positionalArguments();
    openInitialStudy(window, args.isEmpty() ? QString() : args.front());
    window.show();
    if (parser.isSet(options.run))
        window.searchMenu()->openRunFolder(parser.value(options.run));
    for (const QString& dir : parser.values(options.compare))
        if (window.runsPanel()->openFolder(dir))
            window.runsPanel()->model()->setChecked(dir, true);
    return app.exec();
}

} // namespace dnas::ui
