// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "ui/spaceeditor/SpaceChange.h"

#include <QCoreApplication>
#include <vector>

namespace dnas::ui {

// The layer and stage edits, as functions of the space they start from; SpaceEditor pushes
// what they return as undo commands. Layers are numbered as in the space; a stage is an index
// into StageGroups::of(). Stage numbers keep increasing along the layers.
class LayerEdits {
    Q_DECLARE_TR_FUNCTIONS(LayerEdits)
  public:
    static SpaceChange add(const SearchSpace& s, int after); // after -1: a first layer
    static SpaceChange duplicate(const SearchSpace& s, int layer);
    static SpaceChange remove(const SearchSpace& s, const std::vector<int>& layers);
    // The layers, in their order, before layer `before` (size: at the end), into stage `stage`.
    static SpaceChange move(const SearchSpace& s, const std::vector<int>& layers, int before,
                            int stage);
    // One place up (-1) or down (+1); at a stage's edge the layer moves into the next stage.
    static SpaceChange shift(const SearchSpace& s, int layer, int delta);
    static SpaceChange setCOut(const SearchSpace& s, int layer, int channels);
    static SpaceChange setStride(const SearchSpace& s, int layer, int stride);
    static SpaceChange addStage(const SearchSpace& s, int afterGroup); // -1: a first stage
    static SpaceChange removeStage(const SearchSpace& s, int group);

    // What a new layer after `layer` starts as: its channels and candidates, stride 1; a first
    // layer of an empty space gets the stem's channels and FBNet's nine ops.
    static LayerSpec newLayerAfter(const SearchSpace& s, int layer);

  private:
    // c_out or stride (`name` in the undo text), which is at least 1.
    static SpaceChange setField(const SearchSpace& s, int layer, int LayerSpec::*field, int value,
                                const QString& name);
};

} // namespace dnas::ui
