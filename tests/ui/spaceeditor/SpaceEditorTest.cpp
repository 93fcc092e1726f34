// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/spaceeditor/SpaceEditor.h"
#include "tests/support/TinyStudy.h"
#include "tests/ui/spaceeditor/EditorTestUtil.h"
#include "ui/spaceeditor/StageGroups.h"
#include "ui/study/StudyDocument.h"

#include <QSignalSpy>
#include <QUndoStack>
#include <QtTest>

using namespace dnas;
using namespace dnas::ui;

namespace {
std::string saved(const StudyDocument& doc) {
    return doc.study().toJson().dump(2);
}

std::vector<std::string> cands(const SpaceEditor& e, int layer) {
    return e.space().layers[size_t(layer)].candidates;
}

// Undoes everything on the stack, checking each step restores the bytes saved before it, then
// redoes it all and checks the end state comes back byte for byte.
void checkUndoRedo(StudyDocument& doc, const std::vector<std::string>& history) {
    QUndoStack* undo = doc.undoStack();
    QCOMPARE(undo->index(), int(history.size()) - 1);
    const std::string end = saved(doc);
    for (int i = undo->index(); i > 0; --i) {
        undo->undo();
        QCOMPARE(saved(doc), history[size_t(i - 1)]);
    }
    while (undo->canRedo())
        undo->redo();
    QCOMPARE(saved(doc), end);
}
} // namespace

class SpaceEditorTest : public QObject {
    Q_OBJECT
  private slots:
    void candidateEditsAreUndoableWithTheirNames() {
        StudyDocument doc;
        doc.reset(testsupport::tinyStudy());
        SpaceEditor e(&doc);
        std::vector<std::string> history{saved(doc)};
        QVERIFY(e.addCandidate(0, QStringLiteral("k5_e6"), 1));
        history.push_back(saved(doc));
        QCOMPARE(cands(e, 0), (std::vector<std::string>{"k3_e1", "k5_e6", "k3_e3", "skip"}));
        QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Add k5_e6 to layer 0"));
        QVERIFY(doc.isModified());

        QVERIFY(!e.addCandidate(0, QStringLiteral("k5_e6")));
        QVERIFY(e.lastError().contains("already a candidate"));
        QVERIFY(!e.addCandidate(0, QStringLiteral("k9_e9")));
        QVERIFY(e.lastError().contains("unknown op"));
        QCOMPARE(doc.undoStack()->count(), 1); // refused edits push nothing

        QVERIFY(e.moveCandidate({0, 1}, 1, 0));
        history.push_back(saved(doc));
        QCOMPARE(cands(e, 1).front(), std::string("k5_e6"));
        QCOMPARE(cands(e, 0), (std::vector<std::string>{"k3_e1", "k3_e3", "skip"}));
        QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Move k5_e6 from layer 0 to layer 1"));

        QVERIFY(e.shiftCandidate({1, 0}, 1));
        history.push_back(saved(doc));
        QCOMPARE(cands(e, 1)[1], std::string("k5_e6"));

        QVERIFY(e.removeCandidates({{2, 0}, {2, 2}, {0, 1}}));
        history.push_back(saved(doc));
        QCOMPARE(cands(e, 2), (std::vector<std::string>{"k3_e6"}));
        QCOMPARE(cands(e, 0), (std::vector<std::string>{"k3_e1", "skip"}));
        QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Remove 3 candidates")); // one macro
        checkUndoRedo(doc, history);

        doc.undoStack()->setIndex(0);
        QVERIFY(!doc.isModified()); // the clean state is back
    }

    void layerAndStageEdits() {
        StudyDocument doc;
        doc.reset(testsupport::tinyStudy());
        SpaceEditor e(&doc);
        std::vector<std::string> history{saved(doc)};
        auto step = [&](bool ok, const char* text) {
            QVERIFY2(ok, qPrintable(e.lastError()));
            QCOMPARE(doc.undoStack()->undoText(), QString::fromUtf8(text));
            history.push_back(saved(doc));
            QVERIFY2(e.space().validate().empty(),
                     testsupport::firstProblem(e.space().validate()).c_str());
        };
        step(e.duplicateLayer(1), "Duplicate layer 1");
        QCOMPARE(e.space().layers[2], e.space().layers[1]);
        step(e.setStride(2, 1), "Set stride of layer 2 to 1");
        step(e.addLayer(0), "Add layer 1");
        QCOMPARE(e.space().layers[1].stride, 1);
        QCOMPARE(e.space().layers[1].c_out, e.space().layers[0].c_out);
        step(e.setCOut(1, 24), "Set c_out of layer 1 to 24");
        // Layers 0-1 are stage 0, 2-4 stage 1. Layer 2 up crosses into stage 0.
        step(e.shiftLayer(2, -1), "Move layer 2 to stage 0");
        QCOMPARE(StageGroups::of(e.space()).front().count, 3);
        step(e.shiftLayer(0, 1), "Move layer 0 down");
        step(e.addStage(0), "Add stage 1");
        const auto groups = StageGroups::of(e.space());
        QCOMPARE(int(groups.size()), 3);
        QCOMPARE(groups[1].stage, 1);
        QCOMPARE(groups[2].stage, 2); // the later stage moved up one number
        step(e.moveLayers({0, 1}, int(e.space().layers.size()), 2), "Move 2 layers");
        QCOMPARE(e.space().layers.back().stage, 2);
        step(e.removeStage(0), "Remove stage 0");
        step(e.removeLayers({0}), "Remove layer 0");
        QVERIFY(!e.shiftLayer(0, -1));
        checkUndoRedo(doc, history);
    }

    void editingMakesAPresetSpaceInlineAndUndoBringsTheReferenceBack() {
        StudyDocument doc;
        doc.reset(Study::defaultStudy());
        QCOMPARE(doc.study().space_ref, std::string("fbnet-fmnist"));
        const std::string before = saved(doc);
        SpaceEditor e(&doc);
        QVERIFY(e.setCOut(0, 32));
        QVERIFY(doc.study().space_ref.empty());
        QVERIFY(doc.study().toJson()["space"].is_object());
        doc.undoStack()->undo();
        QCOMPARE(saved(doc), before);
    }

    void customOpsAreValidatedAndRemovedEverywhere() {
        StudyDocument doc;
        doc.reset(testsupport::tinyStudy());
        SpaceEditor e(&doc);
        OpSpec op = testsupport::irOp("k7_e4_se", 7, 4, true);
        QVERIFY(e.defineOp(op));
        QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Define op k7_e4_se"));
        QVERIFY(e.addCandidateToLayers({0, 1, 2}, QStringLiteral("k7_e4_se")));
        QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Add k7_e4_se to 3 layers"));
        QCOMPARE(doc.undoStack()->count(), 2); // the batch is one step

        OpSpec even = op;
        even.kernel = 4;
        QVERIFY(!e.defineOp(even));
        QVERIFY2(e.lastError().contains("kernel: must be odd"), qPrintable(e.lastError()));
        OpSpec builtin = op;
        builtin.name = "k3_e1";
        QVERIFY(!e.defineOp(builtin));

        op.act = "hswish";
        QVERIFY(e.defineOp(op));
        QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Redefine op k7_e4_se"));
        QVERIFY(e.removeOp(QStringLiteral("k7_e4_se")));
        for (const auto& l : e.space().layers)
            QVERIFY(std::find(l.candidates.begin(), l.candidates.end(), "k7_e4_se") ==
                    l.candidates.end());
        QVERIFY(e.space().custom_ops.empty());
        doc.undoStack()->undo();
        QCOMPARE(e.space().custom_ops.at("k7_e4_se").act, std::string("hswish"));
        QCOMPARE(cands(e, 2).back(), std::string("k7_e4_se"));
    }

    void analysisFollowsEveryChange() {
        StudyDocument doc;
        doc.reset(testsupport::tinyStudy());
        SpaceEditor e(&doc);
        QSignalSpy changed(&e, &SpaceEditor::spaceChanged);
        QVERIFY(e.analysis().issues.empty());
        QCOMPARE(e.analysis().architectures, 27.0);
        QVERIFY(e.removeCandidates({{0, 0}, {0, 1}, {0, 2}}));
        QVERIFY(changed.count() >= 1);
        QCOMPARE(e.analysis().issues.size(), size_t(1));
        QCOMPARE(e.analysis().issues.front().toString(),
                 std::string("layers[0].candidates: the candidate list is empty"));
        doc.undoStack()->undo();
        QVERIFY(e.analysis().issues.empty());
        QVERIFY(e.clearLayers());
        QCOMPARE(e.analysis().issues.front().toString(),
                 std::string("layers: a space needs at least one layer"));
        QVERIFY(e.addLayer(-1)); // a first layer: stem channels and FBNet's nine
        QCOMPARE(cands(e, 0), fbnetOpNames());
        QCOMPARE(e.space().layers[0].c_out, e.space().stem_c_out);
        QVERIFY(e.analysis().issues.empty());
    }
};

QTEST_MAIN(SpaceEditorTest)
#include "SpaceEditorTest.moc"
