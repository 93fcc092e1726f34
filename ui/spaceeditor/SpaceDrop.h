// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <Qt>
#include <vector>

class QMimeData;

namespace dnas::ui {

class SpaceEditor;

// What dropping a payload (SpaceMime) somewhere in the space means, apart from any view: the
// tree model turns the drop position into a Target, this decides whether the payload fits
// there and makes the edit through the SpaceEditor.
class SpaceDrop {
  public:
    // Where something was dropped.
    struct Target {
        int group = -1; // the stage (index into StageGroups) dropped in or on; -1: between stages
        int layer = -1; // the layer dropped on, or on one of its candidates; -1: none
        // Candidate position within `layer`, else layer position within `group`, else stage
        // position between stages; -1: at the end.
        int position = -1;
    };

    static bool canDrop(const SpaceEditor& editor, const QMimeData* data, Qt::DropAction action,
                        const Target& target);
    static bool drop(SpaceEditor& editor, const QMimeData* data, Qt::DropAction action,
                     const Target& target);

  private:
    // Where moved layers go: before which layer, into which stage number.
    static bool layerPlace(const SpaceEditor& editor, const std::vector<int>& moved,
                           const Target& target, int* before, int* stage);
};

} // namespace dnas::ui
