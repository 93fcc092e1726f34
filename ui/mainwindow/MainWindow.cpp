// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/mainwindow/MainWindow.h"

#include "engine/util/BuildConfig.h"
#include "engine/util/DnasError.h"
#include "ui/export/ExportModelAction.h"
#include "ui/lut/LutEditor.h"
#include "ui/mainwindow/MainActions.h"
#include "ui/mainwindow/RecentStudies.h"
#include "ui/mainwindow/RunLogView.h"
#include "ui/mainwindow/SearchMenu.h"
#include "ui/mainwindow/SearchStatusWidget.h"
#include "ui/mainwindow/SearchViews.h"
#include "ui/plots/ArchitectureInspector.h"
#include "ui/plots/CandidatesTable.h"
#include "ui/plots/ParetoPlot.h"
#include "ui/runs/CrossDeviceTable.h"
#include "ui/runs/RunComparison.h"
#include "ui/runs/RunsModel.h"
#include "ui/runs/RunsPanel.h"
#include "ui/search/SearchSession.h"
#include "ui/space/SpacePanel.h"
#include "ui/spaceeditor/SpaceEditorPanel.h"
#include "ui/study/StudyDocument.h"
#include "ui/study/StudySettingsPanel.h"

#include <QAction>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QMenu>
#include <QMessageBox>
#include <QScrollArea>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QUndoStack>

namespace dnas::ui {

namespace {
const char* const kGeometryKey = "window/geometry";
const char* const kStateKey = "window/state";
const char* const kLastStudyKey = "study/last";
constexpr int kStateVersion = 1;       // bump when docks are renamed or removed
constexpr int kStatusMessageMs = 4000; // how long transient status messages stay
const QSize kDefaultSize(1480, 900);   // fits a 1600×1000 screen with room to spare
constexpr int kRunsDockHeight =
    210; // pixels: the Runs table's toolbar and five runs (the log, tabbed with it, a dozen lines)
constexpr int kSideDockWidth = 380; // pixels: the architecture inspector's columns
const char* const kStudyFilter =
    QT_TRANSLATE_NOOP("MainWindow", "Studies (*.study.json);;JSON (*.json);;All files (*)");
} // namespace

MainWindow::MainWindow(std::unique_ptr<SearchJobFactory> jobs, QWidget* parent)
    : QMainWindow(parent), document_(new StudyDocument(this)),
      search_(new SearchSession(std::move(jobs), this)), actions_(new MainActions(this)),
      recent_(new RecentStudies(this)) {
    setObjectName(QStringLiteral("mainWindow"));
    resize(kDefaultSize);
    setDockOptions(AnimatedDocks | AllowTabbedDocks | AllowNestedDocks);
    report_ = [this](const QString& title, const QString& text) {
        QMessageBox::critical(this, title, text);
    };
    discardPrompt_ = [this](const QString& name) {
        const auto b = QMessageBox::warning(
            this, tr("Unsaved changes"), tr("The study “%1” has unsaved changes.").arg(name),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        return b == QMessageBox::Save      ? DiscardAnswer::Save
               : b == QMessageBox::Discard ? DiscardAnswer::Discard
                                           : DiscardAnswer::Cancel;
    };

    views_ = new QTabWidget(this);
    views_->setObjectName(QStringLiteral("views"));
    views_->setDocumentMode(true);
    setCentralWidget(views_);

    actions_->buildMenus(this, document_->undoStack(), recent_->menu());
    searchMenu_ = new SearchMenu(actions_, document_, search_, this);

    spacePanel_ = new SpacePanel(this);
    addView(spacePanel_, tr("Search Space"));
    spaceEditor_ = new SpaceEditorPanel(document_, this);
    addView(spaceEditor_, tr("Space Editor"));
    lutEditor_ = new LutEditor(document_, this);
    addView(lutEditor_, tr("LUT"));
    // Scrolled, not squeezed: the form has more rows than the tab's height leaves beside the
    // docks, and a QFormLayout given less than its size hint clips every field's text.
    auto* settings = new QScrollArea(this);
    settings->setObjectName(QStringLiteral("studySettingsScroll"));
    settings->setWidgetResizable(true);
    settings->setFrameShape(QFrame::NoFrame);
    settings->setWidget(new StudySettingsPanel(document_, settings));
    addView(settings, tr("Settings"));
    runLog_ = new RunLogView(this);
    runLog_->follow(search_);
    QDockWidget* logDock =
        addPanel(runLog_, tr("Run Log"), QStringLiteral("runLogDock"), Qt::BottomDockWidgetArea);
    searchViews_ = new SearchViews(this, document_, search_);
    exportAction_ = new ExportModelAction(actions_->exportModel, search_, searchViews_, this);
    crossDevice_ = new CrossDeviceTable(this);
    crossDevice_->setObjectName(QStringLiteral("crossDeviceTable"));
    addView(crossDevice_, tr("Devices"));
    runsPanel_ = new RunsPanel(document_, this);
    runsPanel_->setObjectName(QStringLiteral("runsPanel"));
    runsPanel_->followSession(search_);
    QDockWidget* runsDock =
        addPanel(runsPanel_, tr("Runs"), QStringLiteral("runsDock"), Qt::BottomDockWidgetArea);
    tabifyDockWidget(logDock, runsDock);
    runsDock->raise();
    comparison_ = new RunComparison(runsPanel_->model(), searchViews_->curves(),
                                    searchViews_->pareto(), crossDevice_, this);
    connect(runsPanel_, &RunsPanel::compareRequested, this,
            [this] { views_->setCurrentWidget(crossDevice_); });
    connect(runsPanel_, &RunsPanel::architectureSelected, searchViews_->inspector(),
            &ArchitectureInspector::showArchitecture);
    // The shown run's retrained net (dnas train RUN, a sweep's retraining) as a star on its
    // Pareto plot, once its train.json is written; the Runs panel's refresh notices it.
    connect(runsPanel_->model(), &RunsModel::runUpdated, this, [this](const QString& dir) {
        if (!search_->runDir().isEmpty() && RunsModel::clean(search_->runDir()) == dir)
            showOwnRetrained();
    });
    connect(search_, &SearchSession::finished, this, &MainWindow::showOwnRetrained);
    // A net picked in the Pareto plot or the candidates table joins the ticked runs' nets.
    connect(searchViews_->pareto(), &ParetoPlot::architectureSelected, this,
            [this](const QString& arch) {
                const Study& s = document_->study();
                crossDevice_->setPicked(arch, s.space, QString::fromStdString(s.space_ref));
            });
    // The candidates table lists the own run's samples, which overlays hide: the plot takes
    // its room meanwhile.
    connect(comparison_, &RunComparison::updated, this,
            [this] { searchViews_->candidates()->setVisible(comparison_->series().empty()); });
    // First-run proportions; restoreSettings() replaces them with the user's layout.
    resizeDocks({runsDock}, {kRunsDockHeight}, Qt::Vertical); // the log shares its tab area
    if (auto* arch = findChild<QDockWidget*>(QStringLiteral("architectureDock")))
        resizeDocks({arch}, {kSideDockWidth}, Qt::Horizontal);

    status_ = new SearchStatusWidget(this);
    statusBar()->addPermanentWidget(status_);
    connect(search_, &SearchSession::started, status_, &SearchStatusWidget::setEpochs);
    connect(search_, &SearchSession::stepsUpdated, status_,
            [this](const std::vector<StepMetrics>& steps) { status_->showStep(steps.back()); });
    connect(search_, &SearchSession::epochAdded, status_, &SearchStatusWidget::showEpoch);
    connect(search_, &SearchSession::stateChanged, status_, &SearchStatusWidget::showState);
    connect(search_, &SearchSession::sweepTargetStarted, status_,
            &SearchStatusWidget::showSweepTarget);
    connect(search_, &SearchSession::retrainStarted, status_,
            &SearchStatusWidget::showRetrainStarted);
    connect(search_, &SearchSession::retrainProgress, status_, &SearchStatusWidget::showRetrain);

    connect(document_, &StudyDocument::studyChanged, this,
            [this] { spacePanel_->setStudy(document_->study()); });
    connect(document_, &StudyDocument::studyChanged, this, &MainWindow::updateTitle);
    connect(document_, &StudyDocument::modifiedChanged, this, &MainWindow::updateTitle);
    connect(recent_, &RecentStudies::openRequested, this, [this](const QString& path) {
        if (maybeDiscardChanges())
            openStudy(path);
    });
    connectActions();
    updateTitle();
}

MainWindow::~MainWindow() = default;

void MainWindow::setErrorReporter(ErrorReporter reporter) {
    report_ = reporter;
    lutEditor_->setErrorReporter(reporter);
    exportAction_->setErrorReporter(reporter);
    runsPanel_->setErrorReporter(reporter);
    crossDevice_->setErrorReporter(reporter);
    searchMenu_->setErrorReporter(std::move(reporter));
}

void MainWindow::connectActions() {
    connect(actions_->newStudy, &QAction::triggered, this, [this] {
        if (maybeDiscardChanges())
            newFromDefault();
    });
    connect(actions_->open, &QAction::triggered, this, [this] {
        if (!maybeDiscardChanges())
            return;
        const QString path = QFileDialog::getOpenFileName(this, tr("Open Study"),
                                                          document_->filePath(), tr(kStudyFilter));
        if (!path.isEmpty())
            openStudy(path);
    });
    connect(actions_->save, &QAction::triggered, this, [this] { save(); });
    connect(actions_->saveAs, &QAction::triggered, this, [this] { saveAs(); });
    connect(actions_->quit, &QAction::triggered, this, &QWidget::close);
    connect(actions_->about, &QAction::triggered, this, &MainWindow::showAbout);
}

bool MainWindow::openStudy(const QString& path) {
    QString error;
    if (!document_->open(path, &error)) {
        report_(tr("Cannot open the study"), error);
        return false;
    }
    rememberStudy(document_->filePath());
    statusBar()->showMessage(tr("Opened %1").arg(document_->filePath()), kStatusMessageMs);
    return true;
}

bool MainWindow::newFromDefault() {
    try {
        document_->reset(Study::defaultStudy());
        return true;
    } catch (const std::exception& e) {
        report_(tr("Cannot load the default study"), QString::fromStdString(e.what()));
        return false;
    }
}

bool MainWindow::save() {
    if (document_->filePath().isEmpty())
        return saveAs();
    if (!lutEditor_->saveIfModified())
        return false; // the LUT's edits are on the same stack
    QString error;
    if (!document_->save(&error)) {
        report_(tr("Cannot save the study"), error);
        return false;
    }
    statusBar()->showMessage(tr("Saved %1").arg(document_->filePath()), kStatusMessageMs);
    return true;
}

bool MainWindow::saveAs(const QString& path) {
    QString target = path;
    if (target.isEmpty()) {
        target = QFileDialog::getSaveFileName(
            this, tr("Save Study As"), document_->displayName() + ".study.json", tr(kStudyFilter));
        if (target.isEmpty())
            return false;
    }
    if (!lutEditor_->saveIfModified())
        return false;
    QString error;
    if (!document_->saveAs(target, &error)) {
        report_(tr("Cannot save the study"), error);
        return false;
    }
    rememberStudy(document_->filePath());
    statusBar()->showMessage(tr("Saved %1").arg(document_->filePath()), kStatusMessageMs);
    return true;
}

bool MainWindow::maybeDiscardChanges() {
    if (!document_->isModified())
        return true;
    switch (discardPrompt_(document_->displayName())) {
    case DiscardAnswer::Save:
        return save();
    case DiscardAnswer::Discard:
        return true;
    case DiscardAnswer::Cancel:
        return false;
    }
    return false;
}

void MainWindow::addView(QWidget* view, const QString& title) {
    views_->addTab(view, title);
}

QDockWidget* MainWindow::addPanel(QWidget* panel, const QString& title, const QString& objectName,
                                  Qt::DockWidgetArea area) {
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setWidget(panel);
    addDockWidget(area, dock);
    actions_->viewMenu->addAction(dock->toggleViewAction());
    return dock;
}

void MainWindow::saveSettings() const {
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState(kStateVersion));
    if (!document_->filePath().isEmpty())
        settings.setValue(kLastStudyKey, document_->filePath());
}

void MainWindow::restoreSettings() {
    QSettings settings;
    restoreGeometry(settings.value(kGeometryKey).toByteArray());
    restoreState(settings.value(kStateKey).toByteArray(), kStateVersion);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!maybeDiscardChanges()) {
        event->ignore();
        return;
    }
    saveSettings();
    event->accept();
}

void MainWindow::updateTitle() {
    setWindowTitle(tr("%1[*] — DNAS Studio").arg(document_->displayName()));
    setWindowModified(document_->isModified());
    setWindowFilePath(document_->filePath());
}

void MainWindow::rememberStudy(const QString& path) {
    if (path.isEmpty())
        return;
    recent_->add(path);
    QSettings().setValue(kLastStudyKey, path);
}

void MainWindow::showOwnRetrained() {
    const int row = runsPanel_->model()->rowOf(search_->runDir());
    const auto* record = row >= 0 && runsPanel_->model()->entry(row).record
                             ? &*runsPanel_->model()->entry(row).record
                             : nullptr;
    if (record && record->found && record->retrained)
        searchViews_->pareto()->setRetrained(record->found->cost, record->retrained->test_accuracy);
    else
        searchViews_->pareto()->setRetrained(std::nullopt, std::nullopt);
}

void MainWindow::showAbout() {
    QMessageBox::about(
        this, tr("About DNAS Studio"),
        tr("<h3>DNAS Studio %1</h3>"
           "<p>Hardware-aware differentiable neural architecture search (FBNet) for the "
           "desktop.</p>"
           "<p>This program is free software: you can redistribute it and/or modify it under the "
           "terms of the GNU General Public License, version 3 or (at your option) any later "
           "version (GPL-3.0-or-later).</p>")
            .arg(QStringLiteral(DNAS_VERSION)));
}

} // namespace dnas::ui
