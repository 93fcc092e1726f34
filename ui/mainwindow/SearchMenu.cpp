// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/mainwindow/SearchMenu.h"

#include "ui/mainwindow/MainActions.h"
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

QString SearchMenu::newRunDir() const {
    const QString path = document_->filePath();
    const QString base = path.isEmpty()
                             ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                             : QFileInfo(path).absolutePath();
    QString name = document_->displayName().toLower();
    name.replace(QRegularExpression(QStringLiteral("[^a-z0-9_.-]+")), QStringLiteral("-"));
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    return QDir(base).filePath(QStringLiteral("runs/%1-%2").arg(name, stamp));
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
    // The study lists its runs, relative to the study file when it has one.
    const QString path = document_->filePath();
    const QString listed =
        path.isEmpty() ? runDir : QFileInfo(path).absoluteDir().relativeFilePath(runDir);
    document_->applyEdit([&](Study& s) { s.runs.push_back(listed.toStdString()); });
    document_->setModified(true);
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
    actions_->resumeRun->setEnabled(idle);
    actions_->openRun->setEnabled(idle);
    actions_->pauseSearch->setEnabled(live);
    actions_->pauseSearch->setChecked(state == State::Paused);
    actions_->pauseSearch->setText(state == State::Paused ? tr("&Resume") : tr("&Pause"));
    actions_->stopSearch->setEnabled(live || state == State::Following);
}

} // namespace dnas::ui
