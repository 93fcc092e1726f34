// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/cost/LatencyTable.h"
#include "engine/space/SearchSpace.h"

#include <QDateTime>
#include <QObject>
#include <QString>
#include <optional>
#include <set>
#include <string>
#include <vector>

class QUndoCommand;
class QUndoStack;

namespace dnas::ui {

// One signature's entry before and after an edit; nullopt means "no entry".
struct LutEntryChange {
    OpSignature sig;
    std::optional<LutEntry> before, after;
};

// The LUT the editor shows: the table, the space whose layers index it, where it lives, and
// whether it differs from what was last loaded or saved. Views read it; it changes only through
// the undo commands (SetLutEntriesCommand, ReplaceLutCommand) pushed on undoStack().
class LutDocument : public QObject {
    Q_OBJECT
  public:
    // Everything ReplaceLutCommand swaps: the table, the name a study uses for it (a built-in
    // name, a path or "auto"; empty for an unsaved import or fit), the file save() writes and
    // the JSON last loaded or saved (what "modified" compares against) and the file's time then.
    struct State {
        LatencyTable table;
        QString ref, path;
        std::string savedJson;
        QDateTime fileTime;
    };
    struct Meta {
        nlohmann::json device, provenance;
        std::map<std::string, LutAnchor> anchors; // a measurement's anchor travels with it
    };

    explicit LutDocument(QUndoStack* undo, QObject* parent = nullptr);

    const LatencyTable& table() const { return state_.table; }
    const SearchSpace& space() const { return space_; }
    QString ref() const { return state_.ref; }
    QString filePath() const { return state_.path; }
    const State& state() const { return state_; }
    QUndoStack* undoStack() const { return undo_; }
    bool isModified() const;
    // A shipped LUT (resources/luts): read-only, saved under another name.
    bool isBuiltin() const;
    QString displayName() const;

    void setSpace(const SearchSpace& space);
    // A built-in name, a path or "auto" (this machine's cached LUT, empty until measured) as an
    // unmodified state. Throws DnasError naming the file.
    static State stateFor(const QString& ref);
    // Shows stateFor(ref); not undoable (the LUT of a study just opened).
    void load(const QString& ref) { restore(stateFor(ref)); }
    // The file changed since it was loaded or saved (a search or the space editor measured
    // into this machine's cache meanwhile).
    bool isStale() const;
    // Writes dnas-lut/1 JSON atomically to filePath(); false with *error when there is none or
    // the write fails. This machine's cache keeps what others measured into it meanwhile.
    bool save(QString* error);
    // The text a save writes (dnas-lut/1, as LatencyTable::save formats it).
    std::string json() const { return textOf(state_.table); }
    static std::string textOf(const LatencyTable& table);

    void push(QUndoCommand* command);

    // For the undo commands only.
    void restore(const State& state);
    void applyChanges(const std::vector<LutEntryChange>& changes, bool forward, const Meta& meta);
    Meta meta() const {
        return {state_.table.device, state_.table.provenance, state_.table.anchors};
    }

  signals:
    void tableChanged();  // entries, device or provenance
    void spaceChanged();  // rows and columns
    void sourceChanged(); // ref or path
    void modifiedChanged(bool modified);

  private:
    void emitModifiedIfChanged();
    // save() of this machine's cache; throws as LatencyTable::save does.
    void storeInCache() const;

    QUndoStack* undo_;
    State state_;
    SearchSpace space_;
    bool lastModified_ = false;
    // Every space this LUT (this ref) had a calibration for while shown, undo included: one no
    // longer in the table was removed here, and a save to this machine's cache removes it there.
    std::set<std::string> heldCalibrations_;
};

} // namespace dnas::ui
