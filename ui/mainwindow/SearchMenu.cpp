// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/mainwindow/SearchMenu.h"

#include "engine/search/CostTable.h"
#include "engine/util/JsonFile.h"
#include "ui/mainwindow/MainActions.h"
#include "ui/runs/MoveRunCommand.h"
#include "ui/search/SweepDialog.h"
#include "ui/study/StudyDocument.h"

#include <QAction>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QRegularExpression>
#include <QStandardPaths>

namespace dnas::ui {

SearchMenu::SearchMenu(MainActions* actions, StudyDocument* document, SearchSession* controller,
                       QWidget* window)
    : QObject(window), actions_(actions), document_(document), controller_(controller),
      window_(window) {
    report_ = [this](const QString& title, const QString& text) {
        QMessageBox::critical(window_, title, text);
    };
    chooseDir_ = [this](const QString& title, const QString& start) {
        return QFileDialog::getExistingDirectory(window_, title, start);
    };
    connect(actions_->startSearch, &QAction::triggered, this, [this] { start(); });
    connect(actions_->pauseSearch, &QAction::triggered, this,
            [this](bool paused) { paused ? controller_->pause() : controller_->resume(); });
    connect(actions_->stopSearch, &QAction::triggered, controller_, &SearchSession::stop);
    connect(actions_->resumeRun, &QAction::triggered, this, [this] { resumeRun(); });
    connect(actions_->openRun, &QAction::triggered, this, [this] { openRunFolder(); });
    connect(actions_->searchFront, &QAction::triggered, this, [this] { searchFront(); });
    // Each target's run is the study's as it starts, like a single run: the Runs panel lists it.
    connect(controller_, &SearchSession::sweepTargetStarted, this,
            [this](const SweepTarget& t) { listRun(QString::fromStdString(t.run_dir)); });
    connect(controller_, &SearchSession::stateChanged, this, &SearchMenu::updateActions);
    // Start follows the space's validity as it is edited.
    connect(document_, &StudyDocument::studyChanged, this,
            [this] { updateActions(controller_->state()); });
    connect(controller_, &SearchSession::errorOccurred, this, [this](const QString& message) {
        const QString where = controller_->runDir().isEmpty()
                                  ? QString()
                                  : tr("\n\nRun folder (kept): %1").arg(controller_->runDir());
        report_(tr("Search error"), message + where);
    });
    updateActions(controller_->state());
}

QString SearchMenu::runsBase() const {
    const QString path = document_->filePath();
    const QString base = path.isEmpty()
                             ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                             : QFileInfo(path).absolutePath();
    return QDir(base).filePath(QStringLiteral("runs"));
}

QString SearchMenu::newRunDir() const {
    QString name = document_->displayName().toLower();
    name.replace(QRegularExpression(QStringLiteral("[^a-z0-9_.-]+")), QStringLiteral("-"));
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    return QDir(runsBase()).filePath(QStringLiteral("%1-%2").arg(name, stamp));
}

QString SearchMenu::newSweepDir() const {
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    return QDir(runsBase()).filePath(QStringLiteral("sweep-%1").arg(stamp));
}

void SearchMenu::listRun(const QString& runDir) {
    for (const auto& run : document_->study().runs)
        if (QDir::cleanPath(MoveRunCommand::resolve(document_, run)) == QDir::cleanPath(runDir))
            return;
    const std::string listed = MoveRunCommand::listed(document_, runDir);
    document_->applyEdit([&](Study& s) { s.runs.push_back(listed); });
    document_->setModified(true);
}

std::optional<SearchMenu::StoppedSweep> SearchMenu::stoppedSweep(const SweepPlan* same) const {
    const auto& runs = document_->study().runs;
    QStringList seen;
    for (auto it = runs.rbegin(); it != runs.rend(); ++it) {
        // A sweep's runs sit in its folder, beside sweep.json.
        const QString dir = QFileInfo(MoveRunCommand::resolve(document_, *it)).absolutePath();
        const QString file = QDir(dir).filePath(QString::fromLatin1(SweepPlan::kSweepFile));
        if (seen.contains(dir) || !QFileInfo::exists(file))
            continue;
        seen << dir;
        try {
            const nlohmann::json j = readJsonFile(file.toStdString());
            StoppedSweep found{dir, SweepPlan::fromJson(j, file.toStdString()),
                               static_cast<int>(j.value("runs", nlohmann::json::array()).size())};
            if (found.done < static_cast<int>(found.plan.targets.size()) &&
                (!same || same->sameAs(found.plan)))
                return found;
        } catch (const std::exception&) {
            // Not a sweep this version reads: not one to continue.
        }
    }
    return std::nullopt;
}

bool SearchMenu::searchFront() {
    const Study& study = document_->study();
    std::optional<CostTable> costs;
    QString costError;
    try {
        costs = CostTable::forStudy(study);
    } catch (const std::exception& e) {
        costError = QString::fromStdString(e.what());
    }
    const auto stopped = stoppedSweep();
    QString note;
    if (stopped)
        note = tr("The sweep in %1 stopped after %2 of %3 targets: starting these targets "
                  "again continues it.")
                   .arg(QDir::toNativeSeparators(stopped->dir))
                   .arg(stopped->done)
                   .arg(stopped->plan.targets.size());
    SweepDialog dialog(study, costs, costError,
                       stopped ? std::optional<SweepPlan>(stopped->plan) : std::nullopt, note,
                       window_);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    return startSweep(dialog.plan());
}

bool SearchMenu::startSweep(const SweepPlan& plan) {
    const auto issues = document_->study().space.validate();
    if (!issues.empty()) {
        report_(tr("Cannot start the sweep"),
                tr("The search space is not valid: %1")
                    .arg(QString::fromStdString(issues.front().toString())));
        return false;
    }
    const auto stopped = stoppedSweep(&plan);
    const QString dir = stopped ? stopped->dir : newSweepDir();
    if (!QDir().mkpath(dir)) {
        report_(tr("Cannot start the sweep"), tr("Cannot create %1").arg(dir));
        return false;
    }
    return controller_->startSweep(document_->study(), plan, dir);
}

QString SearchMenu::lastRunDir() const {
    const auto& runs = document_->study().runs;
    if (runs.empty())
        return QFileInfo(newRunDir()).absolutePath();
    const QString last = QString::fromStdString(runs.back());
    const QString path = document_->filePath();
    return path.isEmpty() ? last : QFileInfo(path).absoluteDir().absoluteFilePath(last);
}

bool SearchMenu::start() {
    const auto issues = document_->study().space.validate();
    if (!issues.empty()) {
        report_(tr("Cannot start the search"),
                tr("The search space is not valid: %1")
                    .arg(QString::fromStdString(issues.front().toString())));
        return false;
    }
    const QString runDir = newRunDir();
    if (!QDir().mkpath(QFileInfo(runDir).absolutePath())) {
        report_(tr("Cannot start the search"), tr("Cannot create %1").arg(runDir));
        return false;
    }
    if (!controller_->start(document_->study(), runDir))
        return false;
    listRun(runDir); // the study lists its runs, relative to the study file when it has one
    return true;
}

bool SearchMenu::resumeRun(const QString& runDir) {
    const QString dir = runDir.isEmpty() ? chooseDir_(tr("Resume Run"), lastRunDir()) : runDir;
    if (dir.isEmpty())
        return false;
    return controller_->resumeRun(dir);
}

bool SearchMenu::openRunFolder(const QString& runDir) {
    const QString dir = runDir.isEmpty() ? chooseDir_(tr("Open Run Folder"), lastRunDir()) : runDir;
    if (dir.isEmpty())
        return false;
    return controller_->followRun(dir);
}

void SearchMenu::updateActions(SearchSession::State state) {
    using State = SearchSession::State;
    const bool idle = state == State::Idle || state == State::Following;
    const bool live = state == State::Running || state == State::Paused;
    const auto issues = document_->study().space.validate();
    actions_->startSearch->setEnabled(idle && issues.empty());
    actions_->startSearch->setToolTip(
        issues.empty() ? actions_->startSearch->statusTip()
                       : tr("The search space is not valid: %1")
                             .arg(QString::fromStdString(issues.front().toString())));
    actions_->searchFront->setEnabled(idle && issues.empty());
    actions_->resumeRun->setEnabled(idle);
    actions_->openRun->setEnabled(idle);
    actions_->pauseSearch->setEnabled(live);
    actions_->pauseSearch->setChecked(state == State::Paused);
    actions_->pauseSearch->setText(state == State::Paused ? tr("&Resume") : tr("&Pause"));
    actions_->stopSearch->setEnabled(live || state == State::Following);
}

} // namespace dnas::ui
