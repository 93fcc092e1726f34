// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/spaceeditor/SpaceDrop.h"

#include "ui/spaceeditor/SpaceEditor.h"
#include "ui/spaceeditor/SpaceMime.h"
#include "ui/spaceeditor/StageGroups.h"

#include <algorithm>

namespace dnas::ui {

namespace {
bool hasCandidate(const SearchSpace& s, int layer, const QString& op) {
    const auto& c = s.layers[size_t(layer)].candidates;
    return std::find(c.begin(), c.end(), op.toStdString()) != c.end();
}

// The layers an op dropped at `t` goes into: the layer, or every layer of a stage.
std::vector<int> opLayers(const SpaceEditor& editor, const SpaceDrop::Target& t) {
    if (t.layer >= 0 && t.layer < int(editor.space().layers.size()))
        return {t.layer};
    const auto groups = StageGroups::of(editor.space());
    if (t.group < 0 || t.group >= int(groups.size()) || t.position >= 0)
        return {};
    std::vector<int> out;
    for (int l = groups[size_t(t.group)].first; l < groups[size_t(t.group)].end(); ++l)
        out.push_back(l);
    return out;
}
} // namespace

bool SpaceDrop::layerPlace(const SpaceEditor& editor, const std::vector<int>& moved,
                           const Target& t, int* before, int* stage) {
    const SearchSpace& s = editor.space();
    const auto groups = StageGroups::of(s);
    if (t.layer >= 0 && t.layer < int(s.layers.size())) {
        // Onto a layer: take its place, after it when coming from above.
        const bool fromAbove =
            std::all_of(moved.begin(), moved.end(), [&](int l) { return l < t.layer; });
        *before = fromAbove ? t.layer + 1 : t.layer;
        *stage = s.layers[size_t(t.layer)].stage;
        return true;
    }
    if (t.group >= 0 && t.group < int(groups.size())) {
        const StageGroup& g = groups[size_t(t.group)];
        *before = g.first + (t.position < 0 ? g.count : std::min(t.position, g.count));
        *stage = g.stage;
        return true;
    }
    if (groups.empty())
        return false;
    const bool inside = t.position >= 0 && t.position < int(groups.size());
    *before = inside ? groups[size_t(t.position)].first : int(s.layers.size());
    *stage = inside ? groups[size_t(t.position)].stage : groups.back().stage;
    return true;
}

bool SpaceDrop::canDrop(const SpaceEditor& editor, const QMimeData* data, Qt::DropAction action,
                        const Target& t) {
    const std::vector<int> layers = SpaceMime::layersOf(data, &editor);
    if (!layers.empty()) {
        int before = 0, stage = 0;
        return action == Qt::MoveAction && layerPlace(editor, layers, t, &before, &stage);
    }
    const auto candidates = SpaceMime::candidatesOf(data, &editor);
    if (!candidates.empty() && action == Qt::MoveAction) {
        if (t.layer < 0 || t.layer >= int(editor.space().layers.size()))
            return false;
        // Within its own layer a candidate is reordered; elsewhere the layer must lack it.
        if (candidates.size() == 1 && candidates.front().layer == t.layer)
            return true;
    }
    // Ops, or candidates copied: some op that the space knows and a target layer lacks.
    const QStringList ops = SpaceMime::opsOf(data);
    for (int l : opLayers(editor, t))
        for (const QString& op : ops)
            if (editor.space().hasOp(op.toStdString()) && !hasCandidate(editor.space(), l, op))
                return true;
    return false;
}

bool SpaceDrop::drop(SpaceEditor& editor, const QMimeData* data, Qt::DropAction action,
                     const Target& t) {
    if (!canDrop(editor, data, action, t))
        return false;
    const std::vector<int> layers = SpaceMime::layersOf(data, &editor);
    if (!layers.empty()) {
        int before = 0, stage = 0;
        layerPlace(editor, layers, t, &before, &stage);
        return editor.moveLayers(layers, before, stage);
    }
    const auto candidates = SpaceMime::candidatesOf(data, &editor);
    if (candidates.size() == 1 && action == Qt::MoveAction)
        return editor.moveCandidate(candidates.front(), t.layer, t.position);

    const QStringList ops = SpaceMime::opsOf(data);
    const std::vector<int> targets = opLayers(editor, t);
    const bool move = !candidates.empty() && action == Qt::MoveAction;
    if (ops.size() == 1 && !move) {
        if (targets.size() == 1)
            return editor.addCandidate(targets.front(), ops.front(), t.position);
        return editor.addCandidateToLayers(targets, ops.front());
    }
    // Several ops (or candidates moved from several places): one undo step.
    editor.beginBatch(move ? QObject::tr("Move %1 candidates").arg(candidates.size())
                           : QObject::tr("Add %1 ops").arg(ops.size()));
    int position = t.position;
    for (int l : targets)
        for (const QString& op : ops)
            if (editor.space().hasOp(op.toStdString()) && !hasCandidate(editor.space(), l, op) &&
                editor.addCandidate(l, op, position) && position >= 0)
                ++position;
    if (move) {
        std::vector<SpaceEditor::CandidateRef> elsewhere;
        for (const auto& c : candidates)
            if (c.layer != t.layer)
                elsewhere.push_back(c);
        if (!elsewhere.empty())
            editor.removeCandidates(elsewhere);
    }
    editor.endBatch();
    return true;
}

} // namespace dnas::ui
