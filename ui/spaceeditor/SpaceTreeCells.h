// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/space/SearchSpace.h"
#include "ui/space/SpaceAnalysis.h"
#include "ui/spaceeditor/SpaceTreeLayout.h"
#include "ui/spaceeditor/StageGroups.h"

#include <QStringList>
#include <QVariant>
#include <map>

namespace dnas::ui {

// What the cells of the space tree say for one state of the space: names, input shapes,
// channels, strides, candidates, MAC and latency ranges from the analysis, and the validation
// problems of each stage, layer and candidate. Rebuilt on every change of the space.
class SpaceTreeCells : public SpaceTreeLayout {
  public:
    SpaceTreeCells() = default;
    SpaceTreeCells(SearchSpace space, SpaceAnalysis analysis);

    const SearchSpace& space() const { return space_; }
    const std::vector<StageGroup>& groups() const { return groups_; }

    QVariant display(const Row& row, int column) const;
    QVariant toolTip(const Row& row, int column) const;
    QStringList problems(const Row& row) const;

  private:
    const SpaceAnalysis::Row* analysisRow(int layer) const;
    QVariant costs(const Row& row, int column) const;

    SearchSpace space_;
    SpaceAnalysis analysis_;
    std::vector<StageGroup> groups_;
    std::vector<LayerShape> shapes_;
    std::map<int, std::vector<ValidationIssue>> issues_; // by layer
};

} // namespace dnas::ui
