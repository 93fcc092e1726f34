// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/space/SearchSpace.h"

#include <vector>

namespace dnas::ui {

// The stages of a space as the editor shows them: runs of consecutive layers with the same
// stage number. A valid space numbers its stages in order, so each stage is one run; a space
// that does not (flagged by validation) still shows every layer exactly once.
struct StageGroup {
    int stage = 0; // the layers' stage number
    int first = 0; // index of the first layer
    int count = 0;
    int end() const { return first + count; }
};

class StageGroups {
  public:
    static std::vector<StageGroup> of(const SearchSpace& space);
    // The group holding `layer`, or -1.
    static int groupOf(const std::vector<StageGroup>& groups, int layer);
};

} // namespace dnas::ui
