// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/study/StudyDocument.h"

#include "engine/util/DnasError.h"

#include <QFileInfo>
#include <QSaveFile>
#include <QUndoStack>

namespace dnas::ui {

namespace {
constexpr int kJsonIndent = 2; // study files are meant to be read and diffed by people
} // namespace

StudyDocument::StudyDocument(QObject* parent) : QObject(parent), undo_(new QUndoStack(this)) {
    connect(undo_, &QUndoStack::cleanChanged, this, &StudyDocument::emitModifiedIfChanged);
}

QString StudyDocument::displayName() const {
    if (!study_.name.empty())
        return QString::fromStdString(study_.name);
    return path_.isEmpty() ? tr("Untitled") : QFileInfo(path_).completeBaseName();
}

bool StudyDocument::isModified() const {
    return dirty_ || !undo_->isClean();
}

void StudyDocument::reset(const Study& study, const QString& path) {
    study_ = study;
    undo_->clear();
    undo_->setClean();
    dirty_ = false;
    if (path_ != path) {
        path_ = path;
        emit filePathChanged(path_);
    }
    emit studyReset();
    emit studyChanged();
    emitModifiedIfChanged();
}

bool StudyDocument::open(const QString& path, QString* error) {
    try {
        const QString absolute = QFileInfo(path).absoluteFilePath();
        // A space saved in the middle of an edit opens, flagged in the space editor.
        reset(Study::load(absolute.toStdString(), false), absolute);
        return true;
    } catch (const DnasError& e) {
        if (error)
            *error = QString::fromStdString(e.what());
    } catch (const std::exception& e) {
        // nlohmann's parse errors and the like: name the file, keep the message.
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, QString::fromStdString(e.what()));
    }
    return false;
}

bool StudyDocument::save(QString* error) {
    if (path_.isEmpty()) {
        if (error)
            *error = tr("The study has no file yet; use Save As.");
        return false;
    }
    return saveAs(path_, error);
}

bool StudyDocument::saveAs(const QString& path, QString* error) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    std::string text;
    try {
        text = study_.toJson().dump(kJsonIndent) + "\n";
    } catch (const std::exception& e) {
        if (error)
            *error = QString::fromStdString(e.what());
        return false;
    }
    QSaveFile file(absolute);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = tr("%1: cannot write: %2").arg(absolute, file.errorString());
        return false;
    }
    // QSaveFile::commit() in Qt 6.4 misses an error while flushing its buffer at close (a full
    // disk, a file size limit), so flush here and check: the temp file is then discarded.
    const bool written =
        file.write(text.data(), qint64(text.size())) == qint64(text.size()) && file.flush();
    if (!written) {
        const QString reason = file.errorString();
        file.cancelWriting();
        if (error)
            *error = tr("%1: cannot write: %2").arg(absolute, reason);
        return false;
    }
    if (!file.commit()) {
        if (error)
            *error = tr("%1: cannot write: %2").arg(absolute, file.errorString());
        return false;
    }
    study_.source = absolute.toStdString();
    if (path_ != absolute) {
        path_ = absolute;
        emit filePathChanged(path_);
    }
    dirty_ = false;
    undo_->setClean();
    emitModifiedIfChanged();
    return true;
}

void StudyDocument::applyEdit(const std::function<void(Study&)>& edit) {
    edit(study_);
    emit studyChanged();
}

void StudyDocument::setModified(bool modified) {
    dirty_ = modified;
    if (!modified)
        undo_->setClean();
    emitModifiedIfChanged();
}

void StudyDocument::emitModifiedIfChanged() {
    const bool now = isModified();
    if (now == lastModified_)
        return;
    lastModified_ = now;
    emit modifiedChanged(now);
}

} // namespace dnas::ui
