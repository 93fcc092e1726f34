// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/space/SearchSpace.h"
#include "ui/space/SpaceAnalysis.h"
#include "ui/spaceeditor/SpaceChange.h"

#include <QObject>
#include <QString>
#include <vector>

namespace dnas::ui {

class StudyDocument;

// Every change the space editor makes to the study's search space, each as one undo command on
// the document's stack ("Add k3_e6 to layer 4"); batches (an op onto a whole stage, several
// layers removed) are one undo macro. Views and drag-and-drop call these; so do the tests.
// Layers are numbered as in the space (0-based); a stage is an index into StageGroups::of().
// An edit that does not apply changes nothing, returns false and says why in lastError().
class SpaceEditor : public QObject {
    Q_OBJECT
  public:
    struct CandidateRef {
        int layer = 0;
        int index = 0; // position in the layer's candidate list
    };

    explicit SpaceEditor(StudyDocument* document, QObject* parent = nullptr);

    StudyDocument* document() const { return document_; }
    const SearchSpace& space() const;
    // Shapes, costs under the study's LUT and validation of the current space.
    const SpaceAnalysis& analysis() const { return analysis_; }
    void refreshAnalysis(); // after the LUT changed outside the study (measured, cached)
    QString lastError() const { return error_; }

    bool addCandidate(int layer, const QString& op, int position = -1);
    bool addCandidateToLayers(const std::vector<int>& layers, const QString& op);
    bool removeCandidates(const std::vector<CandidateRef>& items);
    // Moves (or, with copy, adds) a candidate to another layer, before `position` (-1: last).
    bool moveCandidate(CandidateRef from, int toLayer, int position, bool copy = false);
    bool shiftCandidate(CandidateRef item, int delta);

    bool addLayer(int after); // after -1: a first layer
    bool duplicateLayer(int layer);
    bool removeLayers(const std::vector<int>& layers);
    // Moves the layers, in their order, before layer `before` (layers.size(): to the end) and
    // into stage number `stage`.
    bool moveLayers(const std::vector<int>& layers, int before, int stage);
    // One place up (-1) or down (+1); at a stage's edge the layer moves into the next stage.
    bool shiftLayer(int layer, int delta);
    bool setCOut(int layer, int channels);
    bool setStride(int layer, int stride);

    bool addStage(int afterGroup); // afterGroup -1: a first stage
    bool removeStage(int group);

    // Adds a custom op, or redefines one of that name.
    bool defineOp(const OpSpec& op);
    // Removes a custom op and takes it out of every candidate list.
    bool removeOp(const QString& name);

    bool replaceSpace(const SearchSpace& space, const QString& text);
    bool clearLayers(); // keeps input, stem, head and custom ops

    void beginBatch(const QString& text);
    void endBatch();

  signals:
    // The space or its analysis changed (an edit, undo, redo, another study, a new LUT).
    void spaceChanged();

  private:
    bool commit(const QString& text, SearchSpace after);
    bool apply(SpaceChange change);
    bool fail(const QString& why);
    bool checkLayer(int layer);

    StudyDocument* document_;
    SpaceAnalysis analysis_;
    QString error_;
};

} // namespace dnas::ui
