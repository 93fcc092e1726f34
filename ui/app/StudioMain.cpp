// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/StudioMain.h"

#include "app/ThemePalette.h"
#include "mainwindow/MainWindow.h"
#include "mainwindow/SearchCommands.h"
#include "search/EngineJobFactory.h"
#include "study/StudyDocument.h"
#include "util/BuildConfig.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QSettings>

namespace dnas::ui {

namespace {
const char* const kOrganization = "DNAS Studio";
const char* const kOrganizationDomain = "dnasstudio.github.io";
const char* const kApplication = "dnas-studio";
const char* const kLastStudyKey = "study/last"; // written by MainWindow

// The study named on the command line, else the last one opened, else the default study.
void openInitialStudy(MainWindow& window, const QString& requested) {
    if (!requested.isEmpty() && window.openStudy(requested)) return;
    const QString last = QSettings().value(kLastStudyKey).toString();
    if (requested.isEmpty() && !last.isEmpty() && QFileInfo::exists(last)) {
        // A last study that no longer loads falls back silently: it is not what was asked for.
        QString error;
        if (window.document()->open(last, &error)) return;
    }
    window.newFromDefault();
}
} // namespace

int runStudio(int argc, char** argv) {
    QApplication::setOrganizationName(QString::fromLatin1(kOrganization));
    QApplication::setOrganizationDomain(QString::fromLatin1(kOrganizationDomain));
    QApplication::setApplicationName(QString::fromLatin1(kApplication));
    QApplication::setApplicationDisplayName(QStringLiteral("DNAS Studio"));
    QApplication::setApplicationVersion(QStringLiteral(DNAS_VERSION));
    QApplication::setDesktopFileName(QStringLiteral(DNAS_APP_ID));
    QApplication app(argc, argv);
    ThemePalette::apply(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("runStudio", "Hardware-aware differentiable neural architecture search"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("study"),
                                 QApplication::translate("runStudio", "A study file to open."),
                                 QStringLiteral("[study]"));
    const QCommandLineOption runOption(
        QStringLiteral("run"),
        QApplication::translate("runStudio", "Show a run folder written by `dnas search`."),
        QStringLiteral("dir"));
    parser.addOption(runOption);
    parser.process(app);

    MainWindow window(std::make_unique<EngineJobFactory>());
    window.restoreSettings();
    const QStringList args = parser.positionalArguments();
    openInitialStudy(window, args.isEmpty() ? QString() : args.front());
    window.show();
    if (parser.isSet(runOption)) window.searchCommands()->openRunFolder(parser.value(runOption));
    return app.exec();
}

} // namespace dnas::ui
