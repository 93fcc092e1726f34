// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/spaceeditor/SpaceTreeModel.h"
#include "engine/cost/ModelCounter.h"
#include "tests/support/TinyStudy.h"
#include "tests/ui/spaceeditor/EditorTestUtil.h"
#include "ui/spaceeditor/OpPaletteModel.h"
#include "ui/spaceeditor/SpaceEditor.h"
#include "ui/spaceeditor/SpaceMime.h"
#include "ui/study/StudyDocument.h"
#include "ui/util/NumberFormat.h"

#include <QAbstractItemModelTester>
#include <QMimeData>
#include <QUndoStack>
#include <QtTest>
#include <memory>

using namespace dnas;
using namespace dnas::ui;

namespace {
using Mode = QAbstractItemModelTester::FailureReportingMode;

std::string saved(const StudyDocument& doc) {
    return doc.study().toJson().dump(2);
}

// A document with the tiny study, its editor, both models, and a tester on each that checks
// every reset and change the edits cause.
struct Fixture {
    StudyDocument doc;
    SpaceEditor editor{&doc};
    SpaceTreeModel tree{&editor};
    OpPaletteModel palette{&editor};
    QAbstractItemModelTester treeTester{&tree, Mode::QtTest};
    QAbstractItemModelTester paletteTester{&palette, Mode::QtTest};
    std::vector<std::string> history;

    Fixture() {
        doc.reset(testsupport::tinyStudy());
        history.push_back(saved(doc));
    }
    std::unique_ptr<QMimeData> op(const char* name) const {
        return std::unique_ptr<QMimeData>(
            palette.mimeData({palette.indexOf(QString::fromLatin1(name))}));
    }
    std::vector<std::string> cands(int layer) const {
        return editor.space().layers[size_t(layer)].candidates;
    }
    void record() { history.push_back(saved(doc)); }
};

QString cell(const SpaceTreeModel& m, const QModelIndex& i, int column,
             int role = Qt::DisplayRole) {
    return m.data(i.siblingAtColumn(column), role).toString();
}
} // namespace

class SpaceTreeModelTest : public QObject {
    Q_OBJECT
  private slots:
    void treeIsStagesLayersCandidates() {
        Fixture f;
        QCOMPARE(f.tree.rowCount(), 2); // stage 0: layer 0; stage 1: layers 1-2
        QCOMPARE(f.tree.rowCount(f.tree.stageIndex(0)), 1);
        QCOMPARE(f.tree.rowCount(f.tree.stageIndex(1)), 2);
        const QModelIndex l2 = f.tree.layerIndex(2);
        QCOMPARE(l2.parent(), f.tree.stageIndex(1));
        QCOMPARE(f.tree.rowCount(l2), 3);
        QCOMPARE(f.tree.candidateIndex(2, 1).parent(), l2);
        QCOMPARE(cell(f.tree, l2, SpaceTreeModel::Name), QStringLiteral("Layer 2"));
        QCOMPARE(cell(f.tree, l2, SpaceTreeModel::Input), QStringLiteral("16×7×7"));
        QCOMPARE(cell(f.tree, l2, SpaceTreeModel::Candidates),
                 QStringLiteral("k3_e1_g2, k3_e6, skip"));
        QCOMPARE(cell(f.tree, f.tree.candidateIndex(2, 1), SpaceTreeModel::Candidates),
                 QStringLiteral("IR k3 e6"));
        // A candidate's MACs are its block's in this layer's shape.
        const SearchSpace& s = f.editor.space();
        const double macs =
            double(ModelCounter::block(s.op("k3_e6"), s.layerShapes()[2], s.always_pw).macs);
        QCOMPARE(cell(f.tree, f.tree.candidateIndex(2, 1), SpaceTreeModel::Macs),
                 NumberFormat::si(macs));
        QVERIFY(f.tree.flags(l2.siblingAtColumn(SpaceTreeModel::COut)) & Qt::ItemIsEditable);
        QVERIFY(!(f.tree.flags(f.tree.stageIndex(0)) & Qt::ItemIsDragEnabled));
        QCOMPARE(f.palette.rowCount(), 9);
        QCOMPARE(f.palette.ops().front(), QStringLiteral("k3_e1"));
    }

    void opsDropOntoLayersAndStages() {
        Fixture f;
        auto k5 = f.op("k5_e6");
        QVERIFY(k5->hasFormat(QLatin1String(SpaceMime::kOp)));
        QCOMPARE(k5->text(), QStringLiteral("k5_e6"));
        QVERIFY(f.tree.canDropMimeData(k5.get(), Qt::CopyAction, -1, 0, f.tree.layerIndex(0)));
        QVERIFY(f.tree.dropMimeData(k5.get(), Qt::CopyAction, -1, 0, f.tree.layerIndex(0)));
        f.record();
        QCOMPARE(f.cands(0).back(), std::string("k5_e6"));
        QVERIFY(!f.tree.canDropMimeData(k5.get(), Qt::CopyAction, -1, 0, f.tree.layerIndex(0)));

        // Onto a candidate: inserted before it.
        auto k5e1 = f.op("k5_e1");
        QVERIFY(
            f.tree.dropMimeData(k5e1.get(), Qt::CopyAction, -1, 0, f.tree.candidateIndex(1, 1)));
        f.record();
        QCOMPARE(f.cands(1), (std::vector<std::string>{"k3_e1", "k5_e1", "k5_e3", "skip"}));

        // Onto a stage: every layer of it, one undo step.
        const int steps = f.doc.undoStack()->count();
        QVERIFY(f.tree.dropMimeData(k5.get(), Qt::CopyAction, -1, 0, f.tree.stageIndex(1)));
        f.record();
        QCOMPARE(f.doc.undoStack()->count(), steps + 1);
        QCOMPARE(f.doc.undoStack()->undoText(), QStringLiteral("Add k5_e6 to 2 layers"));
        QCOMPARE(f.cands(2).back(), std::string("k5_e6"));
        // Between stages an op means nothing.
        QVERIFY(!f.tree.canDropMimeData(f.op("k3_e3").get(), Qt::CopyAction, 1, 0, QModelIndex()));

        f.doc.undoStack()->setIndex(0);
        QCOMPARE(saved(f.doc), f.history.front());
        for (size_t i = 1; i < f.history.size(); ++i) {
            f.doc.undoStack()->redo();
            QCOMPARE(saved(f.doc), f.history[i]);
        }
    }

    void layersMoveBetweenStagesAndCandidatesBetweenLayers() {
        Fixture f;
        std::unique_ptr<QMimeData> layer0(f.tree.mimeData({f.tree.layerIndex(0)}));
        QVERIFY(layer0->hasFormat(QLatin1String(SpaceMime::kLayer)));
        QVERIFY(!f.tree.canDropMimeData(layer0.get(), Qt::CopyAction, -1, 0, f.tree.stageIndex(1)));
        // To the end of stage 1 (dropped on the stage row).
        QVERIFY(f.tree.dropMimeData(layer0.get(), Qt::MoveAction, -1, 0, f.tree.stageIndex(1)));
        f.record();
        QCOMPARE(f.tree.rowCount(), 1);
        QCOMPARE(f.editor.space().layers[2].candidates,
                 (std::vector<std::string>{"k3_e1", "k3_e3", "skip"}));
        QCOMPARE(f.editor.space().layers[2].stage, 1);
        // Between layers: back to the top of the (now only) stage.
        std::unique_ptr<QMimeData> last(f.tree.mimeData({f.tree.layerIndex(2)}));
        QVERIFY(f.tree.dropMimeData(last.get(), Qt::MoveAction, 0, 0, f.tree.stageIndex(0)));
        f.record();
        QCOMPARE(f.cands(0), (std::vector<std::string>{"k3_e1", "k3_e3", "skip"}));

        // A candidate onto another layer moves it; onto the palette removes it.
        std::unique_ptr<QMimeData> k5e3(f.tree.mimeData({f.tree.candidateIndex(1, 1)}));
        QCOMPARE(SpaceMime::opsOf(k5e3.get()), QStringList{QStringLiteral("k5_e3")});
        QVERIFY(f.tree.dropMimeData(k5e3.get(), Qt::MoveAction, -1, 0, f.tree.layerIndex(0)));
        f.record();
        QCOMPARE(f.cands(0).back(), std::string("k5_e3"));
        QCOMPARE(f.cands(1), (std::vector<std::string>{"k3_e1", "skip"}));
        std::unique_ptr<QMimeData> skip(f.tree.mimeData({f.tree.candidateIndex(1, 1)}));
        QVERIFY(f.palette.canDropMimeData(skip.get(), Qt::MoveAction, -1, -1, {}));
        QVERIFY(f.palette.dropMimeData(skip.get(), Qt::MoveAction, -1, -1, {}));
        f.record();
        QCOMPARE(f.cands(1), (std::vector<std::string>{"k3_e1"}));
        QCOMPARE(f.doc.undoStack()->undoText(), QStringLiteral("Remove skip from layer 1"));

        // Positions from another editor (another window) mean nothing here.
        StudyDocument other;
        other.reset(testsupport::tinyStudy());
        SpaceEditor otherEditor(&other);
        std::unique_ptr<QMimeData> foreign(SpaceMime::layers(&otherEditor, {0}));
        QVERIFY(
            !f.tree.canDropMimeData(foreign.get(), Qt::MoveAction, -1, 0, f.tree.stageIndex(0)));
        std::unique_ptr<QMimeData> foreignCandidate(
            SpaceMime::candidates(&otherEditor, {{0, 0}}, {QStringLiteral("k3_e1")}));
        QVERIFY(!f.palette.canDropMimeData(foreignCandidate.get(), Qt::MoveAction, -1, -1, {}));

        while (f.doc.undoStack()->canUndo()) {
            const std::string expect = f.history[size_t(f.doc.undoStack()->index() - 1)];
            f.doc.undoStack()->undo();
            QCOMPARE(saved(f.doc), expect);
        }
    }

    void cellsEditAndProblemsShowWhereTheyAre() {
        Fixture f;
        const QModelIndex cOut = f.tree.layerIndex(1, SpaceTreeModel::COut);
        QCOMPARE(f.tree.data(cOut, Qt::EditRole).toInt(), 16);
        QVERIFY(f.tree.setData(cOut, 15));
        QCOMPARE(f.doc.undoStack()->undoText(), QStringLiteral("Set c_out of layer 1 to 15"));
        // 15 channels into layer 2's two-group block: the channels don't chain through it.
        const QModelIndex l2 = f.tree.layerIndex(2);
        QVERIFY(f.tree.data(l2, SpaceTreeModel::ProblemRole).toBool());
        QVERIFY2(
            cell(f.tree, l2, SpaceTreeModel::Problem).contains("channels 15 -> 16 do not divide"),
            qPrintable(cell(f.tree, l2, SpaceTreeModel::Problem)));
        QVERIFY(f.tree.data(f.tree.candidateIndex(2, 0), SpaceTreeModel::ProblemRole).toBool());
        QVERIFY(!f.tree.data(f.tree.candidateIndex(2, 1), SpaceTreeModel::ProblemRole).toBool());
        QVERIFY(!f.tree.data(f.tree.layerIndex(0), SpaceTreeModel::ProblemRole).toBool());
        QCOMPARE(cell(f.tree, f.tree.stageIndex(1), SpaceTreeModel::Problem),
                 QStringLiteral("1 layer(s) with problems"));
        QVERIFY(!f.tree.data(l2, Qt::DecorationRole).isNull());

        QVERIFY(f.editor.removeCandidates({{0, 0}, {0, 1}, {0, 2}}));
        QVERIFY(cell(f.tree, f.tree.layerIndex(0), SpaceTreeModel::Problem)
                    .contains("the candidate list is empty"));
        SearchSpace unknown = f.editor.space();
        unknown.layers[1].candidates.push_back("k9_e9");
        QVERIFY(f.editor.replaceSpace(unknown, QStringLiteral("Import")));
        const QModelIndex k9 = f.tree.candidateIndex(1, 3);
        QCOMPARE(cell(f.tree, k9, SpaceTreeModel::Candidates), QStringLiteral("unknown op"));
        QVERIFY(cell(f.tree, k9, SpaceTreeModel::Problem).contains("unknown op \"k9_e9\""));
        QVERIFY(!f.tree.setData(f.tree.layerIndex(1, SpaceTreeModel::Candidates), 3));
    }

    void paletteFollowsCustomOps() {
        Fixture f;
        QVERIFY(f.editor.defineOp(testsupport::irOp("k7_e4", 7, 4)));
        QCOMPARE(f.palette.rowCount(), 10);
        const QModelIndex i = f.palette.indexOf(QStringLiteral("k7_e4"));
        QVERIFY(f.palette.data(i, OpPaletteModel::CustomRole).toBool());
        QVERIFY(f.palette.data(i, Qt::ToolTipRole).toString().contains("IR k7 e4"));
        QVERIFY(
            !f.palette.data(f.palette.indexOf(QStringLiteral("skip")), OpPaletteModel::CustomRole)
                 .toBool());
        f.doc.undoStack()->undo();
        QCOMPARE(f.palette.rowCount(), 9);
    }
};

QTEST_MAIN(SpaceTreeModelTest)
#include "SpaceTreeModelTest.moc"
