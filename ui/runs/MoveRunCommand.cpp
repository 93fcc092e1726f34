// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/runs/MoveRunCommand.h"

#include "ui/runs/RunsModel.h"
#include "ui/study/StudyDocument.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace dnas::ui {

MoveRunCommand::MoveRunCommand(StudyDocument* document, RunsModel* model, Kind kind, QString from,
                               QString to, ErrorReporter report)
    : document_(document), model_(model), kind_(kind), from_(RunsModel::clean(from)),
      to_(RunsModel::clean(to)), report_(std::move(report)) {
    const QString name = QFileInfo(from_).fileName();
    setText(kind_ == Kind::Rename
                ? QObject::tr("Rename run %1 to %2").arg(name, QFileInfo(to_).fileName())
                : QObject::tr("Delete run %1").arg(name));
    const auto& runs = document_->study().runs;
    for (size_t i = 0; i < runs.size(); ++i)
        if (resolve(document_, runs[i]) == from_)
            index_ = static_cast<int>(i);
}

QString MoveRunCommand::resolve(const StudyDocument* document, const std::string& listed) {
    const QString run = QString::fromStdString(listed);
    const QString path = document->filePath();
    return RunsModel::clean(path.isEmpty() ? run
                                           : QFileInfo(path).absoluteDir().absoluteFilePath(run));
}

std::string MoveRunCommand::listed(const StudyDocument* document, const QString& dir) {
    const QString path = document->filePath();
    return (path.isEmpty() ? dir : QFileInfo(path).absoluteDir().relativeFilePath(dir))
        .toStdString();
}

void MoveRunCommand::redo() {
    if (!firstRedo_) {
        const bool ok =
            kind_ == Kind::Rename ? QDir().rename(from_, to_) : QFile::moveToTrash(from_, &to_);
        if (!ok) {
            report_(QObject::tr("Cannot redo"), QObject::tr("Cannot move %1").arg(from_));
            return;
        }
        to_ = RunsModel::clean(to_);
    }
    firstRedo_ = false;
    moved(from_, to_, false);
}

void MoveRunCommand::undo() {
    if (!QDir().rename(to_, from_)) {
        report_(QObject::tr("Cannot undo"), QObject::tr("Cannot move %1 back to %2 (it stays "
                                                        "where it is)")
                                                .arg(to_, from_));
        return;
    }
    if (kind_ == Kind::Trash) {
        // The trash's record of the folder (freedesktop.org layout) would name a missing file.
        const QFileInfo trashed(to_);
        QFile::remove(
            QDir(trashed.absolutePath())
                .filePath(QStringLiteral("../info/%1.trashinfo").arg(trashed.fileName())));
    }
    moved(to_, from_, true);
}

// The list and the study follow the folder; the model first, so that the study's change finds
// the run (and its tick) already under its new folder.
void MoveRunCommand::moved(const QString& from, const QString& to, bool back) {
    if (kind_ == Kind::Rename)
        model_->renameRun(from, to);
    else if (!back)
        model_->removeRun(from);
    else if (index_ < 0)
        model_->addFolder(to); // an opened folder comes back to the list
    if (index_ < 0)
        return; // an opened folder: the study does not list it
    document_->applyEdit([&](Study& s) {
        const size_t i = static_cast<size_t>(index_);
        if (kind_ == Kind::Rename) {
            if (i < s.runs.size())
                s.runs[i] = listed(document_, to);
        } else if (back) {
            s.runs.insert(s.runs.begin() + static_cast<std::ptrdiff_t>(std::min(i, s.runs.size())),
                          listed(document_, to));
        } else if (i < s.runs.size()) {
            s.runs.erase(s.runs.begin() + static_cast<std::ptrdiff_t>(i));
        }
    });
}

} // namespace dnas::ui
