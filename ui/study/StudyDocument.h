// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/search/Study.h"

#include <QObject>
#include <QString>
#include <functional>

class QUndoStack;

namespace dnas::ui {

// The study being edited: the dnas::Study, its file, its undo stack and whether it has unsaved
// changes. Editors change the study only through undo commands that call applyEdit().
class StudyDocument : public QObject {
    Q_OBJECT
  public:
    explicit StudyDocument(QObject* parent = nullptr);

    const Study& study() const { return study_; }
    QString filePath() const { return path_; }
    QString displayName() const;
    QUndoStack* undoStack() const { return undo_; }
    bool isModified() const;

    // Replaces the study (new document): clears the undo stack and the modified flag.
    void reset(const Study& study, const QString& path = {});
    // Loads a study file; on failure keeps the current study and returns false with *error set.
    bool open(const QString& path, QString* error);
    // Writes atomically (QSaveFile): a failed write leaves the previous file as it was.
    bool save(QString* error);
    bool saveAs(const QString& path, QString* error);

    // Applies an edit and tells the views; undo commands call this from redo() and undo().
    void applyEdit(const std::function<void(Study&)>& edit);
    // Changes that are not undoable (a run added to the study) mark the document modified.
    void setModified(bool modified);

  signals:
    // Another study replaced this one (new, open): emitted just before studyChanged().
    void studyReset();
    void studyChanged();
    void filePathChanged(const QString& path);
    void modifiedChanged(bool modified);

  private:
    void emitModifiedIfChanged();

    Study study_;
    QString path_;
    QUndoStack* undo_;
    bool dirty_ = false; // modified outside the undo stack
    bool lastModified_ = false;
};

} // namespace dnas::ui
