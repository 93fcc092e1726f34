// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lut/LutDocument.h"

#include "engine/cost/LutCache.h"
#include "engine/util/DnasError.h"
#include "engine/util/Resources.h"

#include <QFileInfo>
#include <QUndoStack>
#include <exception>
#include <set>
#include <vector>

namespace dnas::ui {

namespace {
constexpr int kJsonIndent = 2; // as writeJsonFileAtomic writes it, so json() is the file's text
const char* const kLutDir = "luts";
const char* const kLutSuffix = ".lut.json";

std::string pathFor(const QString& ref) {
    if (ref == QLatin1String(LutCache::kAuto))
        return LutCache::path();
    return resolveResource(ref.toStdString(), kLutDir, kLutSuffix);
}
} // namespace

LutDocument::LutDocument(QUndoStack* undo, QObject* parent) : QObject(parent), undo_(undo) {
    state_.savedJson = json();
}

bool LutDocument::isModified() const {
    return json() != state_.savedJson;
}

bool LutDocument::isBuiltin() const {
    if (state_.ref.isEmpty() || state_.ref == QLatin1String(LutCache::kAuto))
        return false;
    const std::string ref = state_.ref.toStdString();
    return resolveResource(ref, kLutDir, kLutSuffix) != ref;
}

QString LutDocument::displayName() const {
    return QString::fromStdString(state_.table.deviceName());
}

std::string LutDocument::textOf(const LatencyTable& table) {
    return table.toJson().dump(kJsonIndent) + "\n";
}

void LutDocument::setSpace(const SearchSpace& space) {
    if (space == space_)
        return;
    space_ = space;
    emit spaceChanged();
}

LutDocument::State LutDocument::stateFor(const QString& ref) {
    State s;
    s.ref = ref;
    s.path = QString::fromStdString(pathFor(ref));
    if (ref == QLatin1String(LutCache::kAuto)) {
        if (auto cached = LutCache::load())
            s.table = *cached;
        else
            s.table.device = {{"name", "this machine (not measured yet)"}, {"kind", "measured"}};
    } else {
        s.table = LatencyTable::load(ref.toStdString());
    }
    s.savedJson = textOf(s.table);
    s.fileTime = QFileInfo(s.path).lastModified();
    return s;
}

bool LutDocument::isStale() const {
    return !state_.path.isEmpty() && QFileInfo(state_.path).lastModified() != state_.fileTime;
}

bool LutDocument::save(QString* error) {
    if (state_.path.isEmpty() || isBuiltin()) {
        if (error)
            *error = tr("This LUT has no file of its own yet; use Save LUT As.");
        return false;
    }
    const std::string path = state_.path.toStdString();
    try {
        if (state_.ref == QLatin1String(LutCache::kAuto))
            storeInCache();
        else
            state_.table.save(path);
    } catch (const std::exception& e) {
        if (error)
            *error = QString::fromStdString(e.what());
        return false;
    }
    state_.savedJson = json();
    state_.fileTime = QFileInfo(state_.path).lastModified();
    emitModifiedIfChanged();
    return true;
}

void LutDocument::storeInCache() const {
    LutCache::store(state_.table); // merges: entries and calibrations stored meanwhile stay
    // A calibration this document held and holds no more (an undone Calibrate) was removed on
    // purpose: the merge would keep it in the cache.
    std::vector<std::string> removed;
    for (const auto& space : heldCalibrations_)
        if (!state_.table.calibratedFor(space))
            removed.push_back(space);
    if (removed.empty())
        return;
    LatencyTable cached = LutCache::load().value_or(LatencyTable{});
    for (const auto& space : removed)
        cached.calibrations.erase(space);
    cached.save(LutCache::path());
}

void LutDocument::push(QUndoCommand* command) {
    undo_->push(command);
}

void LutDocument::restore(const State& state) {
    const bool sourceMoved = state.ref != state_.ref || state.path != state_.path;
    state_ = state;
    if (sourceMoved)
        heldCalibrations_.clear();
    for (const auto& [space, c] : state_.table.calibrations)
        heldCalibrations_.insert(space);
    emit tableChanged();
    if (sourceMoved)
        emit sourceChanged();
    emitModifiedIfChanged();
}

void LutDocument::applyChanges(const std::vector<LutEntryChange>& changes, bool forward,
                               const Meta& meta) {
    LatencyTable& t = state_.table;
    std::set<std::string> removed;
    for (const auto& c : changes) {
        const std::optional<LutEntry>& target = forward ? c.after : c.before;
        if (target)
            t.set(*target);
        else if (t.find(c.sig))
            removed.insert(c.sig.key());
    }
    if (!removed.empty()) {
        // LatencyTable can only add, so a removal rebuilds it (a few hundred entries at most).
        const auto all = t.entries();
        t.clear();
        for (const auto& e : all)
            if (!removed.count(e.sig.key()))
                t.set(e);
    }
    t.device = meta.device;
    t.provenance = meta.provenance;
    t.anchors = meta.anchors;
    emit tableChanged();
    emitModifiedIfChanged();
}

void LutDocument::emitModifiedIfChanged() {
    const bool now = isModified();
    if (now == lastModified_)
        return;
    lastModified_ = now;
    emit modifiedChanged(now);
}

} // namespace dnas::ui
