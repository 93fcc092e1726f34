// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "ui/spaceeditor/SpaceEditor.h"

#include <QStringList>
#include <vector>

class QMimeData;

namespace dnas::ui {

// The drag-and-drop payloads of the space editor. Ops (from the palette, or a candidate dragged
// elsewhere) are plain names and also go out as text; layers and candidates name positions in
// one editor's space, so they carry that editor's identity and other editors ignore them.
class SpaceMime {
  public:
    static constexpr const char* kOp = "application/x-dnas-op";
    static constexpr const char* kLayer = "application/x-dnas-layer";
    static constexpr const char* kCandidate = "application/x-dnas-candidate";

    static QMimeData* ops(const QStringList& names);
    static QMimeData* layers(const SpaceEditor* source, const std::vector<int>& layers);
    // Carries the op names too, so a candidate can be dropped wherever an op can.
    static QMimeData* candidates(const SpaceEditor* source,
                                 const std::vector<SpaceEditor::CandidateRef>& items,
                                 const QStringList& names);

    static QStringList opsOf(const QMimeData* data);
    // Empty unless the payload came from `editor`.
    static std::vector<int> layersOf(const QMimeData* data, const SpaceEditor* editor);
    static std::vector<SpaceEditor::CandidateRef> candidatesOf(const QMimeData* data,
                                                               const SpaceEditor* editor);
};

} // namespace dnas::ui
