// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/spaceeditor/SpaceEditor.h"

#include "engine/util/DnasError.h"
#include "ui/spaceeditor/LayerEdits.h"
#include "ui/spaceeditor/SpaceEditCommand.h"
#include "ui/study/StudyDocument.h"

#include <QUndoStack>
#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

namespace dnas::ui {

namespace {

bool contains(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}
} // namespace

SpaceEditor::SpaceEditor(StudyDocument* document, QObject* parent)
    : QObject(parent), document_(document) {
    connect(document_, &StudyDocument::studyChanged, this, &SpaceEditor::refreshAnalysis);
    refreshAnalysis();
}

const SearchSpace& SpaceEditor::space() const {
    return document_->study().space;
}

void SpaceEditor::refreshAnalysis() {
    try {
        analysis_ = SpaceAnalysis::ofStudy(document_->study());
    } catch (const std::exception& e) {
        // A space the cost model cannot handle is still shown and editable.
        analysis_ = SpaceAnalysis::of(space(), nullptr);
        analysis_.lutStatus = e.what();
    }
    emit spaceChanged();
}

bool SpaceEditor::fail(const QString& why) {
    error_ = why;
    return false;
}

bool SpaceEditor::checkLayer(int layer) {
    if (layer >= 0 && layer < int(space().layers.size()))
        return true;
    return fail(tr("there is no layer %1").arg(layer));
}

bool SpaceEditor::commit(const QString& text, SearchSpace after) {
    if (after == space())
        return fail(tr("nothing changes"));
    error_.clear();
    document_->undoStack()->push(new SpaceEditCommand(document_, text, std::move(after)));
    return true;
}

void SpaceEditor::beginBatch(const QString& text) {
    document_->undoStack()->beginMacro(text);
}

void SpaceEditor::endBatch() {
    document_->undoStack()->endMacro();
}

bool SpaceEditor::addCandidate(int layer, const QString& op, int position) {
    if (!checkLayer(layer))
        return false;
    const std::string name = op.toStdString();
    if (!space().hasOp(name))
        return fail(tr("unknown op “%1”").arg(op));
    SearchSpace s = space();
    auto& cands = s.layers[size_t(layer)].candidates;
    if (contains(cands, name))
        return fail(tr("%1 is already a candidate of layer %2").arg(op).arg(layer));
    const int at = position < 0 ? int(cands.size()) : std::min(position, int(cands.size()));
    cands.insert(cands.begin() + at, name);
    return commit(tr("Add %1 to layer %2").arg(op).arg(layer), std::move(s));
}

bool SpaceEditor::addCandidateToLayers(const std::vector<int>& layers, const QString& op) {
    std::vector<int> todo;
    for (int l : std::set<int>(layers.begin(), layers.end()))
        if (l >= 0 && l < int(space().layers.size()) &&
            !contains(space().layers[size_t(l)].candidates, op.toStdString()))
            todo.push_back(l);
    if (todo.empty())
        return fail(tr("every layer already has %1").arg(op));
    if (todo.size() == 1)
        return addCandidate(todo.front(), op);
    beginBatch(tr("Add %1 to %2 layers").arg(op).arg(todo.size()));
    bool ok = true;
    for (int l : todo)
        ok = addCandidate(l, op) && ok;
    endBatch();
    return ok;
}

bool SpaceEditor::removeCandidates(const std::vector<CandidateRef>& items) {
    std::vector<CandidateRef> todo;
    for (const CandidateRef& c : items)
        if (c.layer >= 0 && c.layer < int(space().layers.size()) && c.index >= 0 &&
            c.index < int(space().layers[size_t(c.layer)].candidates.size()))
            todo.push_back(c);
    if (todo.empty())
        return fail(tr("no candidate to remove"));
    // Last first, so that each removal leaves the positions of the others as they were.
    std::sort(todo.begin(), todo.end(), [](const CandidateRef& a, const CandidateRef& b) {
        return a.layer != b.layer ? a.layer > b.layer : a.index > b.index;
    });
    todo.erase(std::unique(todo.begin(), todo.end(),
                           [](const CandidateRef& a, const CandidateRef& b) {
                               return a.layer == b.layer && a.index == b.index;
                           }),
               todo.end());
    const bool batch = todo.size() > 1;
    if (batch)
        beginBatch(tr("Remove %1 candidates").arg(todo.size()));
    for (const CandidateRef& c : todo) {
        SearchSpace s = space();
        auto& cands = s.layers[size_t(c.layer)].candidates;
        const QString op = QString::fromStdString(cands[size_t(c.index)]);
        cands.erase(cands.begin() + c.index);
        commit(tr("Remove %1 from layer %2").arg(op).arg(c.layer), std::move(s));
    }
    if (batch)
        endBatch();
    return true;
}

bool SpaceEditor::moveCandidate(CandidateRef from, int toLayer, int position, bool copy) {
    if (!checkLayer(from.layer) || !checkLayer(toLayer))
        return false;
    SearchSpace s = space();
    auto& source = s.layers[size_t(from.layer)].candidates;
    if (from.index < 0 || from.index >= int(source.size()))
        return fail(tr("layer %1 has no candidate %2").arg(from.layer).arg(from.index));
    const std::string name = source[size_t(from.index)];
    const QString op = QString::fromStdString(name);
    if (toLayer == from.layer && !copy) {
        int at = position < 0 ? int(source.size()) : std::min(position, int(source.size()));
        if (at > from.index)
            --at; // the gap the candidate leaves
        source.erase(source.begin() + from.index);
        source.insert(source.begin() + at, name);
        return commit(tr("Reorder %1 in layer %2").arg(op).arg(toLayer), std::move(s));
    }
    if (copy)
        return addCandidate(toLayer, op, position);
    auto& target = s.layers[size_t(toLayer)].candidates;
    if (contains(target, name))
        return fail(tr("%1 is already a candidate of layer %2").arg(op).arg(toLayer));
    const int at = position < 0 ? int(target.size()) : std::min(position, int(target.size()));
    target.insert(target.begin() + at, name);
    source.erase(source.begin() + from.index);
    return commit(tr("Move %1 from layer %2 to layer %3").arg(op).arg(from.layer).arg(toLayer),
                  std::move(s));
}

bool SpaceEditor::shiftCandidate(CandidateRef item, int delta) {
    if (!checkLayer(item.layer))
        return false;
    const int n = int(space().layers[size_t(item.layer)].candidates.size());
    const int to = item.index + delta;
    if (item.index < 0 || item.index >= n || to < 0 || to >= n)
        return fail(tr("the candidate cannot move further"));
    return moveCandidate(item, item.layer, delta > 0 ? to + 1 : to);
}

bool SpaceEditor::apply(SpaceChange change) {
    if (!change.error.isEmpty())
        return fail(change.error);
    return commit(change.text, std::move(change.space));
}

bool SpaceEditor::addLayer(int after) {
    return apply(LayerEdits::add(space(), after));
}

bool SpaceEditor::duplicateLayer(int layer) {
    return apply(LayerEdits::duplicate(space(), layer));
}

bool SpaceEditor::removeLayers(const std::vector<int>& layers) {
    return apply(LayerEdits::remove(space(), layers));
}

bool SpaceEditor::moveLayers(const std::vector<int>& layers, int before, int stage) {
    return apply(LayerEdits::move(space(), layers, before, stage));
}

bool SpaceEditor::shiftLayer(int layer, int delta) {
    return apply(LayerEdits::shift(space(), layer, delta));
}

bool SpaceEditor::setCOut(int layer, int channels) {
    return apply(LayerEdits::setCOut(space(), layer, channels));
}

bool SpaceEditor::setStride(int layer, int stride) {
    return apply(LayerEdits::setStride(space(), layer, stride));
}

bool SpaceEditor::addStage(int afterGroup) {
    return apply(LayerEdits::addStage(space(), afterGroup));
}

bool SpaceEditor::removeStage(int group) {
    return apply(LayerEdits::removeStage(space(), group));
}

bool SpaceEditor::defineOp(const OpSpec& op) {
    if (op.name.empty())
        return fail(tr("an op needs a name"));
    if (findBuiltinOp(op.name))
        return fail(tr("“%1” is a built-in op").arg(QString::fromStdString(op.name)));
    try {
        // The same checks as a space file's "ops" section.
        OpSpec::fromJson(op.name, op.toJson(), "", "ops." + op.name);
    } catch (const DnasError& e) {
        return fail(QString::fromStdString(e.what()));
    }
    SearchSpace s = space();
    const bool existed = s.custom_ops.count(op.name) > 0;
    s.custom_ops[op.name] = op;
    const QString name = QString::fromStdString(op.name);
    return commit(existed ? tr("Redefine op %1").arg(name) : tr("Define op %1").arg(name),
                  std::move(s));
}

bool SpaceEditor::removeOp(const QString& name) {
    const std::string n = name.toStdString();
    SearchSpace s = space();
    if (!s.custom_ops.erase(n))
        return fail(tr("“%1” is not a custom op of this space").arg(name));
    for (auto& l : s.layers)
        l.candidates.erase(std::remove(l.candidates.begin(), l.candidates.end(), n),
                           l.candidates.end());
    return commit(tr("Remove op %1").arg(name), std::move(s));
}

bool SpaceEditor::replaceSpace(const SearchSpace& replacement, const QString& text) {
    return commit(text, replacement);
}

bool SpaceEditor::clearLayers() {
    SearchSpace s = space();
    s.layers.clear();
    return commit(tr("Clear all layers"), std::move(s));
}

} // namespace dnas::ui
