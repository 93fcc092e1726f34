// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QObject>

class QAction;
class QMainWindow;
class QMenu;
class QToolBar;
class QUndoStack;

namespace dnas::ui {

// The main window's actions with their standard shortcuts, and the menus and toolbar made
// from them. MainWindow connects the actions; this class only builds.
class MainActions : public QObject {
    Q_OBJECT
  public:
    explicit MainActions(QMainWindow* window);

    // Builds the menu bar and the toolbar; recent is the File ▸ Recent Studies submenu.
    void buildMenus(QMainWindow* window, QUndoStack* undo, QMenu* recent);

    QAction* newStudy;
    QAction* open;
    QAction* openRun;
    QAction* save;
    QAction* saveAs;
    QAction* quit;
    QAction* startSearch;
    QAction* pauseSearch; // checkable: checked while paused
    QAction* stopSearch;
    QAction* resumeRun;
    QAction* searchFront; // a sweep of target searches
    QAction* exportModel; // retrain + export the run's chosen architecture
    QAction* about;
    QMenu* viewMenu = nullptr;
    QToolBar* toolBar = nullptr;
};

} // namespace dnas::ui
