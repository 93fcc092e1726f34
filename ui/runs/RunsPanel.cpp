// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/runs/RunsPanel.h"

#include "ui/runs/MoveRunCommand.h"
#include "ui/runs/RunsModel.h"
#include "ui/search/SearchSession.h"
#include "ui/study/StudyDocument.h"

#include <QAction>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QMessageBox>
#include <QTableView>
#include <QToolBar>
#include <QUndoStack>
#include <QUrl>
#include <QVBoxLayout>

namespace dnas::ui {

namespace {
// Long columns (the found architecture) are cut here; the tooltip has them whole.
constexpr int kMaxColumnWidth = 320;
// Rows the table keeps in view however the dock is squeezed: enough to tick a few runs.
constexpr int kMinVisibleRows = 4;
} // namespace

RunsPanel::RunsPanel(StudyDocument* document, QWidget* parent)
    : QWidget(parent), document_(document), model_(new RunsModel(this)),
      view_(new QTableView(this)) {
    report_ = [this](const QString& title, const QString& text) {
        QMessageBox::critical(this, title, text);
    };
    confirm_ = [this](const QString& question) {
        return QMessageBox::question(this, tr("Delete run"), question) == QMessageBox::Yes;
    };
    chooseDir_ = [this] {
        return QFileDialog::getExistingDirectory(this, tr("Open Run Folder"),
                                                 QFileInfo(document_->filePath()).absolutePath());
    };
    view_->setObjectName(QStringLiteral("runsView"));
    view_->setModel(model_);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::SelectedClicked);
    view_->verticalHeader()->hide();
    view_->horizontalHeader()->setStretchLastSection(true);
    view_->horizontalHeader()->setMaximumSectionSize(kMaxColumnWidth);
    view_->setWordWrap(false);
    view_->setMinimumHeight(view_->horizontalHeader()->sizeHint().height() +
                            kMinVisibleRows * view_->verticalHeader()->defaultSectionSize() +
                            2 * view_->frameWidth());

    auto* bar = new QToolBar(this);
    open_ = bar->addAction(tr("Open…"), this, [this] { openFolder(); });
    open_->setToolTip(tr("Add a run folder to the list (it is not added to the study)"));
    rename_ = bar->addAction(tr("Rename"), this, [this] {
        const QModelIndex i = view_->currentIndex();
        if (i.isValid())
            view_->edit(model_->index(i.row(), RunsModel::Name));
    });
    delete_ = bar->addAction(tr("Delete"), this, [this] { deleteRun(currentDir()); });
    delete_->setToolTip(tr("Move the run folder to the trash (Edit ▸ Undo brings it back)"));
    reveal_ = bar->addAction(tr("Reveal"), this, [this] { revealRun(currentDir()); });
    reveal_->setToolTip(tr("Show the run folder in the file manager"));
    bar->addSeparator();
    compare_ = bar->addAction(tr("Compare devices"), this, &RunsPanel::compareRequested);
    compare_->setToolTip(tr("The ticked runs' nets on every device LUT"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(bar);
    layout->addWidget(view_, 1);

    connect(document_, &StudyDocument::studyChanged, this, &RunsPanel::studyChanged);
    connect(model_, &RunsModel::renameRequested, this,
            [this](const QString& dir, const QString& name) { renameRun(dir, name); });
    connect(view_->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &RunsPanel::updateActions);
    connect(view_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (!current.isValid() || current.row() >= model_->count())
                    return;
                const auto& record = model_->entry(current.row()).record;
                // The inspector draws the study's space: a net of another space would only
                // show a layer-count error there.
                if (record && record->found &&
                    record->study.space.name == document_->study().space.name)
                    emit architectureSelected(QString::fromStdString(record->found->arch));
            });
    connect(model_, &QAbstractItemModel::modelReset, this, &RunsPanel::updateActions);
    connect(model_, &QAbstractItemModel::rowsRemoved, this, &RunsPanel::updateActions);
    // A run added by the session (a search started or a folder followed) gets its columns' room.
    connect(model_, &QAbstractItemModel::rowsInserted, view_, &QTableView::resizeColumnsToContents);
    // So does one whose folder filled in since: a run listed before its search wrote study.json
    // (a sweep's targets), its net once found, its accuracy once retrained. Once each, so the
    // user's own widths stay otherwise.
    connect(model_, &RunsModel::runUpdated, this, [this](const QString& dir) {
        const int row = model_->rowOf(dir);
        if (row < 0 || !model_->entry(row).record)
            return;
        const RunRecord& r = *model_->entry(row).record;
        const QString filled = dir + (r.found ? QStringLiteral("|found") : QString()) +
                               (r.retrained ? QStringLiteral("|retrained") : QString());
        if (sized_.contains(filled))
            return;
        sized_.insert(filled);
        view_->resizeColumnsToContents();
    });
    connect(model_, &RunsModel::checkedChanged, this, [this] {
        updateActions();
        view_->resizeColumnToContents(RunsModel::Name); // the tick's colour swatch
    });
    refresh_.setInterval(kRefreshMs);
    connect(&refresh_, &QTimer::timeout, model_, &RunsModel::refresh);
    refresh_.start();
    studyChanged();
}

void RunsPanel::followSession(SearchSession* session) {
    connect(session, &SearchSession::runStarted, this, [this, session](const QString& dir) {
        model_->addFolder(dir); // no-op for the study's own runs
        if (session->state() == SearchSession::State::Running ||
            session->state() == SearchSession::State::Paused)
            model_->setLiveRun(dir); // a sweep's next target
    });
    // A sweep's target searched and retrained: its state, net and accuracy now, not at the next
    // periodic read.
    connect(session, &SearchSession::sweepTargetDone, this, [this] { model_->refresh(); });
    connect(session, &SearchSession::stateChanged, this, [this, session](SearchSession::State s) {
        const bool live = s == SearchSession::State::Running || s == SearchSession::State::Paused;
        model_->setLiveRun(live ? session->runDir() : QString());
        if (!live)
            model_->refresh(); // the run just ended: its state and net
    });
}

void RunsPanel::studyChanged() {
    QStringList dirs;
    for (const auto& run : document_->study().runs)
        dirs << MoveRunCommand::resolve(document_, run);
    model_->setStudyRuns(dirs);
    if (!view_->currentIndex().isValid() && model_->count() > 0)
        view_->setCurrentIndex(model_->index(0, 0));
    view_->resizeColumnsToContents();
}

void RunsPanel::updateActions() {
    const bool any = view_->currentIndex().isValid();
    rename_->setEnabled(any);
    delete_->setEnabled(any);
    reveal_->setEnabled(any);
    compare_->setEnabled(!model_->checkedDirs().isEmpty());
}

QString RunsPanel::currentDir() const {
    const QModelIndex i = view_->currentIndex();
    return i.isValid() && i.row() < model_->count() ? model_->entry(i.row()).dir : QString();
}

bool RunsPanel::openFolder(const QString& dir) {
    const QString d = dir.isEmpty() ? chooseDir_() : dir;
    if (d.isEmpty())
        return false;
    if (!QFileInfo::exists(QDir(d).filePath(QStringLiteral("study.json")))) {
        report_(tr("Cannot open the run"), tr("%1: not a run folder (no study.json)").arg(d));
        return false;
    }
    model_->addFolder(d);
    view_->setCurrentIndex(model_->index(model_->rowOf(d), 0));
    view_->resizeColumnsToContents();
    return true;
}

bool RunsPanel::renameRun(const QString& dir, const QString& newName) {
    if (newName.contains(QLatin1Char('/')) || newName == QStringLiteral(".") ||
        newName == QStringLiteral("..")) {
        report_(tr("Cannot rename the run"), tr("“%1” is not a folder name").arg(newName));
        return false;
    }
    const QString to = QFileInfo(dir).absoluteDir().filePath(newName);
    if (QFileInfo::exists(to)) {
        report_(tr("Cannot rename the run"), tr("%1 already exists").arg(to));
        return false;
    }
    if (!QDir().rename(dir, to)) {
        report_(tr("Cannot rename the run"), tr("Cannot rename %1 to %2").arg(dir, to));
        return false;
    }
    document_->undoStack()->push(
        new MoveRunCommand(document_, model_, MoveRunCommand::Kind::Rename, dir, to, report_));
    return true;
}

bool RunsPanel::deleteRun(const QString& dir) {
    if (dir.isEmpty() ||
        !confirm_(tr("Move the run folder %1 to the trash?").arg(QDir::toNativeSeparators(dir))))
        return false;
    QString trashed;
    if (!QFile::moveToTrash(dir, &trashed)) {
        report_(tr("Cannot delete the run"),
                tr("%1 could not be moved to the trash (is there one on this system?); nothing "
                   "was deleted")
                    .arg(dir));
        return false;
    }
    document_->undoStack()->push(
        new MoveRunCommand(document_, model_, MoveRunCommand::Kind::Trash, dir, trashed, report_));
    return true;
}

bool RunsPanel::revealRun(const QString& dir) const {
    return !dir.isEmpty() && QDesktopServices::openUrl(QUrl::fromLocalFile(dir));
}

} // namespace dnas::ui
