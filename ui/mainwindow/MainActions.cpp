// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/mainwindow/MainActions.h"

#include <QAction>
#include <QMainWindow>
#include <QMenuBar>
#include <QStyle>
#include <QToolBar>
#include <QUndoStack>

namespace dnas::ui {

namespace {
QAction* make(QObject* parent, const QString& text, QStyle::StandardPixmap icon,
              const QKeySequence& key, const QString& tip) {
    auto* a = new QAction(text, parent);
    if (icon != QStyle::SP_CustomBase)
        a->setIcon(qobject_cast<QMainWindow*>(parent)->style()->standardIcon(icon));
    if (!key.isEmpty())
        a->setShortcut(key);
    a->setStatusTip(tip);
    return a;
}
constexpr auto kNoIcon = QStyle::SP_CustomBase; // an action that shows text only
} // namespace

MainActions::MainActions(QMainWindow* w) : QObject(w) {
    newStudy = make(w, tr("&New from Default"), QStyle::SP_FileIcon, QKeySequence::New,
                    tr("Start a new study from the default Fashion-MNIST study"));
    open = make(w, tr("&Open…"), QStyle::SP_DialogOpenButton, QKeySequence::Open,
                tr("Open a study file"));
    openRun = make(w, tr("Open &Run Folder…"), QStyle::SP_DirOpenIcon,
                   QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O),
                   tr("Show a run written by `dnas search`, also while it runs"));
    save =
        make(w, tr("&Save"), QStyle::SP_DialogSaveButton, QKeySequence::Save, tr("Save the study"));
    saveAs = make(w, tr("Save &As…"), kNoIcon, QKeySequence::SaveAs,
                  tr("Save the study to another file"));
    quit = make(w, tr("&Quit"), kNoIcon, QKeySequence::Quit, tr("Quit DNAS Studio"));
    startSearch = make(w, tr("&Start"), QStyle::SP_MediaPlay, QKeySequence(Qt::Key_F5),
                       tr("Start a search of this study in a new run folder"));
    pauseSearch = make(w, tr("&Pause"), QStyle::SP_MediaPause, QKeySequence(Qt::Key_F6),
                       tr("Pause or resume the running search"));
    pauseSearch->setCheckable(true);
    stopSearch = make(w, tr("S&top"), QStyle::SP_MediaStop, QKeySequence(Qt::SHIFT | Qt::Key_F5),
                      tr("Stop after the current step; the run keeps a checkpoint"));
    resumeRun = make(w, tr("&Resume Stopped Run…"), QStyle::SP_BrowserReload, QKeySequence(),
                     tr("Continue a stopped or crashed run from its last checkpoint"));
    searchFront = make(w, tr("Search a &Front…"), kNoIcon, QKeySequence(Qt::CTRL | Qt::Key_F5),
                       tr("One target search per cost target, one after another, then each "
                          "delivered net retrained if you ask"));
    exportModel = make(w, tr("&Export Model…"), kNoIcon, QKeySequence(Qt::CTRL | Qt::Key_E),
                       tr("Retrain the chosen architecture and export ONNX, TorchScript, "
                          "lite and arch_def files"));
    about = make(w, tr("&About DNAS Studio"), kNoIcon, QKeySequence(), tr("Version and licence"));
    about->setMenuRole(QAction::AboutRole);
    quit->setMenuRole(QAction::QuitRole);
}

void MainActions::buildMenus(QMainWindow* w, QUndoStack* undo, QMenu* recent) {
    QMenu* file = w->menuBar()->addMenu(tr("&File"));
    file->addActions({newStudy, open, openRun});
    file->addMenu(recent);
    file->addSeparator();
    file->addActions({save, saveAs});
    file->addSeparator();
    file->addAction(exportModel);
    file->addSeparator();
    file->addAction(quit);

    QMenu* edit = w->menuBar()->addMenu(tr("&Edit"));
    QAction* undoAction = undo->createUndoAction(this, tr("&Undo"));
    undoAction->setShortcut(QKeySequence::Undo);
    undoAction->setIcon(w->style()->standardIcon(QStyle::SP_ArrowBack));
    QAction* redoAction = undo->createRedoAction(this, tr("&Redo"));
    redoAction->setShortcut(QKeySequence::Redo);
    redoAction->setIcon(w->style()->standardIcon(QStyle::SP_ArrowForward));
    edit->addActions({undoAction, redoAction});

    viewMenu = w->menuBar()->addMenu(tr("&View"));

    QMenu* search = w->menuBar()->addMenu(tr("&Search"));
    search->addActions({startSearch, pauseSearch, stopSearch});
    search->addSeparator();
    search->addAction(searchFront);
    search->addAction(resumeRun);

    QMenu* help = w->menuBar()->addMenu(tr("&Help"));
    help->addAction(about);

    toolBar = w->addToolBar(tr("Main"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addActions({newStudy, open, save});
    toolBar->addSeparator();
    toolBar->addActions({undoAction, redoAction});
    toolBar->addSeparator();
    toolBar->addActions({startSearch, pauseSearch, stopSearch});
    toolBar->addSeparator();
    toolBar->addAction(openRun);
    viewMenu->addAction(toolBar->toggleViewAction());
    viewMenu->addSeparator();
}

} // namespace dnas::ui
