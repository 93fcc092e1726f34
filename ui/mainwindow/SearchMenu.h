// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "ui/search/SearchSession.h"
#include "ui/util/ErrorReporter.h"

#include <QObject>
#include <functional>

class QWidget;

namespace dnas::ui {

class MainActions;
class StudyDocument;

// The Search menu: starts a run of the study in a new run folder, pauses, resumes, stops,
// resumes a stopped run, opens a run folder; keeps the actions' enabled state in step with the
// controller and reports engine errors (what and where; the study and run folder are kept).
class SearchMenu : public QObject {
    Q_OBJECT
  public:
    using DirectoryChooser = std::function<QString(const QString& title, const QString& start)>;

    SearchMenu(MainActions* actions, StudyDocument* document, SearchSession* controller,
               QWidget* window);

    void setErrorReporter(ErrorReporter reporter) { report_ = std::move(reporter); }
    void setDirectoryChooser(DirectoryChooser chooser) { chooseDir_ = std::move(chooser); }

    // runs/<study>-<yyyyMMdd-HHmmss> next to the study file, else in the app's data folder.
    QString newRunDir() const;
    bool start();
    bool resumeRun(const QString& runDir = {});     // asks for the folder when empty
    bool openRunFolder(const QString& runDir = {}); // asks for the folder when empty

  private:
    void updateActions(SearchSession::State state);
    QString lastRunDir() const;

    MainActions* actions_;
    StudyDocument* document_;
    SearchSession* controller_;
    QWidget* window_;
    ErrorReporter report_;
    DirectoryChooser chooseDir_;
};

} // namespace dnas::ui
