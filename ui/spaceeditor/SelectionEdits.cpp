// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/spaceeditor/SelectionEdits.h"

#include "ui/spaceeditor/OpPaletteView.h"
#include "ui/spaceeditor/SpaceEditor.h"
#include "ui/spaceeditor/SpaceEditorActions.h"
#include "ui/spaceeditor/SpaceTreeView.h"
#include "ui/spaceeditor/StageGroups.h"

#include <QAction>
#include <set>

namespace dnas::ui {

SelectionEdits::SelectionEdits(SpaceEditor* editor, SpaceEditorActions* actions,
                               SpaceTreeView* tree, OpPaletteView* palette, QObject* parent)
    : QObject(parent), editor_(editor), tree_(tree), palette_(palette) {
    connect(actions->addLayer, &QAction::triggered, this, &SelectionEdits::addLayer);
    connect(actions->addStage, &QAction::triggered, this, &SelectionEdits::addStage);
    connect(actions->duplicate, &QAction::triggered, this, &SelectionEdits::duplicateLayer);
    connect(actions->remove, &QAction::triggered, this, &SelectionEdits::removeSelected);
    connect(actions->moveUp, &QAction::triggered, this, [this] { moveSelected(-1); });
    connect(actions->moveDown, &QAction::triggered, this, [this] { moveSelected(1); });
    connect(actions->addOpToLayers, &QAction::triggered, this,
            &SelectionEdits::addPaletteOpToSelection);
    connect(palette_, &QAbstractItemView::activated, this,
            &SelectionEdits::addPaletteOpToSelection);
    connect(actions->clearLayers, &QAction::triggered, editor_, &SpaceEditor::clearLayers);
}

bool SelectionEdits::addLayer() {
    const int current = tree_->currentLayer();
    const int after = current >= 0 ? current : int(editor_->space().layers.size()) - 1;
    if (!editor_->addLayer(after))
        return false;
    tree_->selectLayer(after + 1);
    return true;
}

bool SelectionEdits::addStage() {
    const int groups = int(StageGroups::of(editor_->space()).size());
    const int current = tree_->currentGroup();
    return editor_->addStage(current >= 0 ? current : groups - 1);
}

bool SelectionEdits::duplicateLayer() {
    const int layer = tree_->currentLayer();
    if (!editor_->duplicateLayer(layer))
        return false;
    tree_->selectLayer(layer + 1);
    return true;
}

std::vector<int> SelectionEdits::selectedLayersAndStages() const {
    const auto groups = StageGroups::of(editor_->space());
    std::set<int> layers;
    for (int l : tree_->selectedLayers())
        layers.insert(l);
    for (int g : tree_->selectedGroups())
        for (int l = groups[size_t(g)].first; l < groups[size_t(g)].end(); ++l)
            layers.insert(l);
    return {layers.begin(), layers.end()};
}

bool SelectionEdits::removeSelected() {
    if (palette_->hasFocus())
        return editor_->removeOp(palette_->currentOp());
    const std::vector<int> layers = selectedLayersAndStages();
    std::vector<SpaceEditor::CandidateRef> candidates;
    for (const auto& c : tree_->selectedCandidates())
        if (std::find(layers.begin(), layers.end(), c.layer) == layers.end())
            candidates.push_back(c);
    if (layers.empty())
        return !candidates.empty() && editor_->removeCandidates(candidates);
    const auto stages = tree_->selectedGroups();
    if (candidates.empty() && stages.size() == 1 &&
        int(layers.size()) == StageGroups::of(editor_->space())[size_t(stages.front())].count)
        return editor_->removeStage(stages.front());
    if (candidates.empty())
        return editor_->removeLayers(layers);
    // Candidates first: removing them leaves the layer numbers as they are.
    editor_->beginBatch(tr("Remove selection"));
    editor_->removeCandidates(candidates);
    editor_->removeLayers(layers);
    editor_->endBatch();
    return true;
}

bool SelectionEdits::addPaletteOpToSelection() {
    const QString op = palette_->currentOp();
    if (op.isEmpty())
        return false;
    std::vector<int> layers = selectedLayersAndStages();
    for (const auto& c : tree_->selectedCandidates())
        layers.push_back(c.layer);
    if (layers.empty() && tree_->currentLayer() >= 0)
        layers.push_back(tree_->currentLayer());
    return editor_->addCandidateToLayers(layers, op);
}

bool SelectionEdits::moveSelected(int delta) {
    const auto candidates = tree_->selectedCandidates();
    if (candidates.size() == 1 && tree_->selectedLayers().empty())
        return editor_->shiftCandidate(candidates.front(), delta);
    const int layer = tree_->currentLayer();
    if (layer < 0)
        return false;
    const auto groups = StageGroups::of(editor_->space());
    const StageGroup& g = groups[size_t(StageGroups::groupOf(groups, layer))];
    const bool crossesStage = delta < 0 ? layer == g.first : layer == g.end() - 1;
    if (!editor_->shiftLayer(layer, delta))
        return false;
    tree_->selectLayer(crossesStage ? layer : layer + delta);
    return true;
}

} // namespace dnas::ui
