// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace dnas::ui {

// The space tree's columns and kinds of row, shared by the model and the cells it shows.
struct SpaceTreeLayout {
    enum Column { Name, Input, COut, Stride, Candidates, Macs, Latency, Problem, ColumnCount };
    enum class Kind { Stage, Layer, Candidate };
    // A row: its kind, its stage (index into StageGroups), its layer (-1 for a stage) and its
    // place in the layer's candidate list (-1 unless a candidate).
    struct Row {
        Kind kind = Kind::Stage;
        int group = -1;
        int layer = -1;
        int candidate = -1;
    };
};

} // namespace dnas::ui
