// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/spaceeditor/StageGroups.h"

namespace dnas::ui {

std::vector<StageGroup> StageGroups::of(const SearchSpace& space) {
    std::vector<StageGroup> groups;
    for (size_t i = 0; i < space.layers.size(); ++i) {
        const int stage = space.layers[i].stage;
        if (groups.empty() || groups.back().stage != stage)
            groups.push_back({stage, int(i), 0});
        ++groups.back().count;
    }
    return groups;
}

int StageGroups::groupOf(const std::vector<StageGroup>& groups, int layer) {
    for (size_t g = 0; g < groups.size(); ++g)
        if (layer >= groups[g].first && layer < groups[g].end())
            return int(g);
    return -1;
}

} // namespace dnas::ui
