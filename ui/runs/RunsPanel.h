// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "ui/util/ErrorReporter.h"

#include <QSet>
#include <QTimer>
#include <QWidget>
#include <functional>

class QAction;
class QTableView;

namespace dnas::ui {

class RunsModel;
class SearchSession;
class StudyDocument;

// The Runs panel: the study's runs and any opened run folders in a table (RunsModel); tick
// runs to overlay them on the plots and compare their nets across devices. Rename (the folder,
// and the study's entry), delete (to the trash) and both undoable on the study's undo stack;
// reveal a run in the file manager. The list is read again every kRefreshMs, so a retraining
// or a search finishing elsewhere shows up.
class RunsPanel : public QWidget {
    Q_OBJECT
  public:
    static constexpr int kRefreshMs = 3000; // a run folder changes at most per step
    using Confirm = std::function<bool(const QString& question)>;
    using DirectoryChooser = std::function<QString()>;

    RunsPanel(StudyDocument* document, QWidget* parent = nullptr);

    RunsModel* model() const { return model_; }
    QTableView* view() const { return view_; }
    // The live run: listed when it is not the study's, shown "running".
    void followSession(SearchSession* session);

    // Tests and scripted use replace the dialogs.
    void setErrorReporter(ErrorReporter reporter) { report_ = std::move(reporter); }
    void setConfirm(Confirm confirm) { confirm_ = std::move(confirm); }
    void setDirectoryChooser(DirectoryChooser chooser) { chooseDir_ = std::move(chooser); }

    bool openFolder(const QString& dir = {}); // asks when empty
    bool renameRun(const QString& dir, const QString& newName);
    bool deleteRun(const QString& dir);
    bool revealRun(const QString& dir) const;
    QString currentDir() const; // the selected row's folder, empty when none

  signals:
    void compareRequested(); // show the cross-device table
    // The selected run's delivered net (canonical string), for the architecture inspector.
    void architectureSelected(const QString& arch);

  private:
    void studyChanged();
    void updateActions();

    StudyDocument* document_;
    RunsModel* model_;
    QTableView* view_;
    QAction* open_;
    QAction* rename_;
    QAction* delete_;
    QAction* reveal_;
    QAction* compare_;
    QTimer refresh_;
    ErrorReporter report_;
    Confirm confirm_;
    DirectoryChooser chooseDir_;
    QSet<QString> sized_; // "dir|found|retrained": what a run showed when its columns were sized
};

} // namespace dnas::ui
