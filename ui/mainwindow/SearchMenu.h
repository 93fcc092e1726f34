// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "ui/search/SearchSession.h"
#include "ui/util/ErrorReporter.h"

#include "engine/search/SweepPlan.h"

#include <QObject>
#include <functional>
#include <optional>

class QWidget;

namespace dnas::ui {

class MainActions;
class StudyDocument;

// The Search menu: starts a run of the study in a new run folder, pauses, resumes, stops,
// resumes a stopped run, opens a run folder, searches a front (a sweep of target searches,
// each target's run folder listed in the study as it starts); keeps the actions' enabled
// state in step with the controller and reports engine errors (what and where; the study and
// run folder are kept).
class SearchMenu : public QObject {
    Q_OBJECT
  public:
    using DirectoryChooser = std::function<QString(const QString& title, const QString& start)>;
    // A stopped sweep of this study: its folder and plan.
    struct StoppedSweep {
        QString dir;
        SweepPlan plan;
        int done = 0; // targets finished (searched and retrained)
    };

    SearchMenu(MainActions* actions, StudyDocument* document, SearchSession* controller,
               QWidget* window);

    void setErrorReporter(ErrorReporter reporter) { report_ = std::move(reporter); }
    void setDirectoryChooser(DirectoryChooser chooser) { chooseDir_ = std::move(chooser); }

    // runs/<study>-<yyyyMMdd-HHmmss> next to the study file, else in the app's data folder.
    QString newRunDir() const;
    // runs/sweep-<yyyyMMdd-HHmmss> beside the study's single runs.
    QString newSweepDir() const;
    bool start();
    // Asks for the targets and retraining (SweepDialog), then startSweep().
    bool searchFront();
    // Sweeps `plan`: in the folder of a stopped sweep of this study with the same plan (which
    // resumes at the target it was on), else in a new sweep folder.
    bool startSweep(const SweepPlan& plan);
    // The study's latest stopped sweep; with `same`, the latest with that plan.
    std::optional<StoppedSweep> stoppedSweep(const SweepPlan* same = nullptr) const;
    bool resumeRun(const QString& runDir = {});     // asks for the folder when empty
    bool openRunFolder(const QString& runDir = {}); // asks for the folder when empty

  private:
    void updateActions(SearchSession::State state);
    QString lastRunDir() const;
    QString runsBase() const;
    void listRun(const QString& runDir); // adds it to the study's runs unless listed

    MainActions* actions_;
    StudyDocument* document_;
    SearchSession* controller_;
    QWidget* window_;
    ErrorReporter report_;
    DirectoryChooser chooseDir_;
};

} // namespace dnas::ui
