// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/spaceeditor/LayerEdits.h"

#include "ui/spaceeditor/StageGroups.h"

#include <algorithm>

namespace dnas::ui {

namespace {
SpaceChange refused(const QString& why) {
    return {{}, {}, why};
}

bool isLayer(const SearchSpace& s, int layer) {
    return layer >= 0 && layer < int(s.layers.size());
}

QString noLayer(int layer) {
    return LayerEdits::tr("there is no layer %1").arg(layer);
}

// Why the layers `todo` cannot be edited (`none` when there are none), or empty when all exist.
QString missingLayer(const SearchSpace& s, const std::vector<int>& todo, const QString& none) {
    if (todo.empty())
        return none;
    for (int l : todo)
        if (!isLayer(s, l))
            return noLayer(l);
    return {};
}

// "Remove layer 4" for one layer, "Remove 3 layers" for more.
QString layersText(const std::vector<int>& todo, const QString& one, const QString& many) {
    return todo.size() == 1 ? one.arg(todo.front()) : many.arg(todo.size());
}

std::vector<int> sortedUnique(std::vector<int> v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
}
} // namespace

LayerSpec LayerEdits::newLayerAfter(const SearchSpace& s, int layer) {
    if (isLayer(s, layer)) {
        LayerSpec l = s.layers[size_t(layer)];
        l.stride = 1; // a new layer keeps the map size; the user sets a stride
        return l;
    }
    if (s.layers.empty())
        return LayerSpec{s.stem_c_out, 1, fbnetOpNames(), 0};
    LayerSpec l = s.layers.front();
    l.c_out = s.stem_c_out;
    l.stride = 1;
    return l;
}

SpaceChange LayerEdits::add(const SearchSpace& s, int after) {
    if (after != -1 && !isLayer(s, after))
        return refused(noLayer(after));
    SpaceChange c{s, tr("Add layer %1").arg(after + 1), {}};
    c.space.layers.insert(c.space.layers.begin() + (after + 1), newLayerAfter(s, after));
    return c;
}

SpaceChange LayerEdits::duplicate(const SearchSpace& s, int layer) {
    if (!isLayer(s, layer))
        return refused(noLayer(layer));
    SpaceChange c{s, tr("Duplicate layer %1").arg(layer), {}};
    c.space.layers.insert(c.space.layers.begin() + (layer + 1), s.layers[size_t(layer)]);
    return c;
}

SpaceChange LayerEdits::remove(const SearchSpace& s, const std::vector<int>& layers) {
    const std::vector<int> todo = sortedUnique(layers);
    if (const QString why = missingLayer(s, todo, tr("no layer to remove")); !why.isEmpty())
        return refused(why);
    SpaceChange c{s, layersText(todo, tr("Remove layer %1"), tr("Remove %1 layers")), {}};
    for (auto it = todo.rbegin(); it != todo.rend(); ++it)
        c.space.layers.erase(c.space.layers.begin() + *it);
    return c;
}

SpaceChange LayerEdits::move(const SearchSpace& s, const std::vector<int>& layers, int before,
                             int stage) {
    const std::vector<int> todo = sortedUnique(layers);
    if (const QString why = missingLayer(s, todo, tr("no layer to move")); !why.isEmpty())
        return refused(why);
    if (before < 0 || before > int(s.layers.size()) || stage < 0)
        return refused(tr("no such place to move to"));
    SpaceChange c{s, layersText(todo, tr("Move layer %1"), tr("Move %1 layers")), {}};
    std::vector<LayerSpec> moved;
    for (int l : todo)
        moved.push_back(s.layers[size_t(l)]);
    for (auto& l : moved)
        l.stage = stage;
    for (auto it = todo.rbegin(); it != todo.rend(); ++it)
        c.space.layers.erase(c.space.layers.begin() + *it);
    const long at =
        before - std::count_if(todo.begin(), todo.end(), [&](int l) { return l < before; });
    c.space.layers.insert(c.space.layers.begin() + at, moved.begin(), moved.end());
    return c;
}

SpaceChange LayerEdits::shift(const SearchSpace& s, int layer, int delta) {
    if (!isLayer(s, layer))
        return refused(noLayer(layer));
    const auto groups = StageGroups::of(s);
    const StageGroup& g = groups[size_t(StageGroups::groupOf(groups, layer))];
    const bool atEdge = delta < 0 ? layer == g.first : layer == g.end() - 1;
    SpaceChange c{s, {}, {}};
    if (!atEdge) {
        std::swap(c.space.layers[size_t(layer)], c.space.layers[size_t(layer + delta)]);
        c.text =
            delta < 0 ? tr("Move layer %1 up").arg(layer) : tr("Move layer %1 down").arg(layer);
        return c;
    }
    const int next = StageGroups::groupOf(groups, layer) + (delta < 0 ? -1 : 1);
    if (next < 0 || next >= int(groups.size()))
        return refused(tr("layer %1 cannot move further").arg(layer));
    c.space.layers[size_t(layer)].stage = groups[size_t(next)].stage;
    c.text = tr("Move layer %1 to stage %2").arg(layer).arg(groups[size_t(next)].stage);
    return c;
}

SpaceChange LayerEdits::setField(const SearchSpace& s, int layer, int LayerSpec::*field, int value,
                                 const QString& name) {
    if (!isLayer(s, layer))
        return refused(noLayer(layer));
    if (value < 1)
        return refused(tr("%1 must be at least 1").arg(name));
    SpaceChange c{s, tr("Set %1 of layer %2 to %3").arg(name).arg(layer).arg(value), {}};
    c.space.layers[size_t(layer)].*field = value;
    return c;
}

SpaceChange LayerEdits::setCOut(const SearchSpace& s, int layer, int channels) {
    return setField(s, layer, &LayerSpec::c_out, channels, QStringLiteral("c_out"));
}

SpaceChange LayerEdits::setStride(const SearchSpace& s, int layer, int stride) {
    return setField(s, layer, &LayerSpec::stride, stride, QStringLiteral("stride"));
}

SpaceChange LayerEdits::addStage(const SearchSpace& s, int afterGroup) {
    const auto groups = StageGroups::of(s);
    if (afterGroup < -1 || afterGroup >= int(groups.size()))
        return refused(tr("no such stage"));
    const int at = afterGroup < 0 ? 0 : groups[size_t(afterGroup)].end();
    LayerSpec layer = newLayerAfter(s, at - 1);
    layer.stage = afterGroup < 0 ? 0 : groups[size_t(afterGroup)].stage + 1;
    SpaceChange c{s, tr("Add stage %1").arg(layer.stage), {}};
    // Later stages move up one number so that stage numbers keep increasing along the layers.
    for (size_t i = size_t(at); i < c.space.layers.size(); ++i)
        if (c.space.layers[i].stage >= layer.stage)
            ++c.space.layers[i].stage;
    c.space.layers.insert(c.space.layers.begin() + at, layer);
    return c;
}

SpaceChange LayerEdits::removeStage(const SearchSpace& s, int group) {
    const auto groups = StageGroups::of(s);
    if (group < 0 || group >= int(groups.size()))
        return refused(tr("no such stage"));
    const StageGroup& g = groups[size_t(group)];
    SpaceChange c{s, tr("Remove stage %1").arg(g.stage), {}};
    c.space.layers.erase(c.space.layers.begin() + g.first, c.space.layers.begin() + g.end());
    return c;
}

} // namespace dnas::ui
