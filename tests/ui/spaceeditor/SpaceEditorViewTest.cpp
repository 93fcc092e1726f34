// SPDX-License-Identifier: GPL-3.0-or-later
// The editor's views driven as a user would: mouse drags (press, move, release) from one view
// to another, and the keyboard. QDrag::exec is modal, so each view's drag exec is replaced by
// one that delivers DragEnter / DragMove / Drop events to the viewport under the release point.
#include "tests/support/TinyStudy.h"
#include "ui/spaceeditor/OpPaletteModel.h"
#include "ui/spaceeditor/OpPaletteView.h"
#include "ui/spaceeditor/SpaceEditor.h"
#include "ui/spaceeditor/SpaceEditorPanel.h"
#include "ui/spaceeditor/SpaceTreeModel.h"
#include "ui/spaceeditor/SpaceTreeView.h"
#include "ui/study/StudyDocument.h"

#include <QCursor>
#include <QDrag>
#include <QSpinBox>
#include <QUndoStack>
#include <QtTest>

using namespace dnas;
using namespace dnas::ui;

namespace {
constexpr int kDragDistance = 40; // pixels, well past QApplication::startDragDistance()

// The release of a drag over `target` at `pos` (viewport coordinates).
Qt::DropAction deliver(QAbstractItemView* target, QPoint pos, QDrag* drag, Qt::DropActions actions,
                       Qt::DropAction preferred) {
    QWidget* vp = target->viewport();
    const QMimeData* mime = drag->mimeData();
    QDragEnterEvent enter(pos, actions, mime, Qt::LeftButton, Qt::NoModifier);
    enter.setDropAction(preferred);
    QApplication::sendEvent(vp, &enter);
    if (!enter.isAccepted())
        return Qt::IgnoreAction;
    QDragMoveEvent move(pos, actions, mime, Qt::LeftButton, Qt::NoModifier);
    move.setDropAction(preferred);
    QApplication::sendEvent(vp, &move);
    if (!move.isAccepted())
        return Qt::IgnoreAction;
    QDropEvent drop(QPointF(pos), actions, mime, Qt::LeftButton, Qt::NoModifier);
    drop.setDropAction(preferred);
    QApplication::sendEvent(vp, &drop);
    return drop.isAccepted() ? drop.dropAction() : Qt::IgnoreAction;
}

// Presses on `from` in `source`, moves past the drag distance and releases; the drag lands on
// `target` at `to`, or without a target is released at `to` on the screen, where nothing takes
// it. Returns whether the source started a drag at all.
bool mouseDrag(QAbstractItemView* source, QPoint from, QAbstractItemView* target, QPoint to) {
    bool started = false;
    auto exec = [&](QDrag* drag, Qt::DropActions actions, Qt::DropAction preferred) {
        started = true;
        if (target)
            return deliver(target, to, drag, actions, preferred);
        QCursor::setPos(to);
        return Qt::IgnoreAction;
    };
    if (auto* tree = qobject_cast<SpaceTreeView*>(source))
        tree->setDragExec(exec);
    if (auto* palette = qobject_cast<OpPaletteView*>(source))
        palette->setDragExec(exec);
    QWidget* vp = source->viewport();
    QTest::mousePress(vp, Qt::LeftButton, {}, from);
    QTest::mouseMove(vp, from + QPoint(4, 0));
    QTest::mouseMove(vp, from + QPoint(kDragDistance, 0));
    QTest::mouseRelease(vp, Qt::LeftButton, {}, from + QPoint(kDragDistance, 0));
    return started;
}

QPoint centre(QAbstractItemView* view, const QModelIndex& index) {
    view->scrollTo(index);
    return view->visualRect(index).center();
}

struct Editor {
    StudyDocument doc;
    SpaceEditorPanel* panel;
    Editor() {
        doc.reset(testsupport::tinyStudy());
        panel = new SpaceEditorPanel(&doc);
        panel->resize(1200, 700);
        panel->show();
        panel->activateWindow();
    }
    ~Editor() { delete panel; }
    SpaceTreeView* tree() const { return panel->tree(); }
    SpaceTreeModel* model() const { return panel->model(); }
    OpPaletteView* palette() const { return panel->palette(); }
    const SearchSpace& space() const { return panel->editor()->space(); }
    std::vector<std::string> cands(int l) const { return space().layers[size_t(l)].candidates; }
};
} // namespace

class SpaceEditorViewTest : public QObject {
    Q_OBJECT
  private slots:
    void dragAnOpFromThePaletteOntoALayer() {
        Editor e;
        QVERIFY(QTest::qWaitForWindowExposed(e.panel));
        const QModelIndex op = e.panel->paletteModel()->indexOf(QStringLiteral("k5_e6"));
        const QPoint to = centre(e.tree(), e.model()->layerIndex(1, SpaceTreeModel::Candidates));
        QVERIFY(mouseDrag(e.palette(), centre(e.palette(), op), e.tree(), to));
        QCOMPARE(e.cands(1).back(), std::string("k5_e6"));
        QCOMPARE(e.doc.undoStack()->undoText(), QStringLiteral("Add k5_e6 to layer 1"));
        // The same op again is refused by the view: nothing changes.
        QVERIFY(mouseDrag(e.palette(), centre(e.palette(), op), e.tree(),
                          centre(e.tree(), e.model()->layerIndex(1))));
        QCOMPARE(e.doc.undoStack()->count(), 1);
        // Onto a stage row: every layer of the stage.
        QVERIFY(mouseDrag(e.palette(),
                          centre(e.palette(), e.panel->paletteModel()->indexOf("k5_e1")), e.tree(),
                          centre(e.tree(), e.model()->stageIndex(1))));
        QCOMPARE(e.doc.undoStack()->undoText(), QStringLiteral("Add k5_e1 to 2 layers"));
    }

    void dragALayerIntoAnotherStage() {
        Editor e;
        QVERIFY(QTest::qWaitForWindowExposed(e.panel));
        const std::vector<std::string> moved = e.cands(0);
        QVERIFY(mouseDrag(e.tree(), centre(e.tree(), e.model()->layerIndex(0)), e.tree(),
                          centre(e.tree(), e.model()->layerIndex(2))));
        // Dropped on layer 2 from above: it takes layer 2's place, in its stage.
        QCOMPARE(e.cands(2), moved);
        QCOMPARE(e.space().layers[2].stage, 1);
        QCOMPARE(e.doc.undoStack()->undoText(), QStringLiteral("Move layer 0"));
        e.doc.undoStack()->undo();
        QCOMPARE(e.cands(0), moved);
    }

    void dragACandidateOutToRemoveIt() {
        Editor e;
        QVERIFY(QTest::qWaitForWindowExposed(e.panel));
        e.tree()->expand(e.model()->layerIndex(1));
        // Onto the palette.
        QVERIFY(mouseDrag(e.tree(), centre(e.tree(), e.model()->candidateIndex(1, 1)), e.palette(),
                          e.palette()->viewport()->rect().center()));
        QCOMPARE(e.cands(1), (std::vector<std::string>{"k3_e1", "skip"}));
        QCOMPARE(e.doc.undoStack()->undoText(), QStringLiteral("Remove k5_e3 from layer 1"));
        // Onto another layer: moved there.
        e.tree()->expand(e.model()->layerIndex(1));
        QVERIFY(mouseDrag(e.tree(), centre(e.tree(), e.model()->candidateIndex(1, 0)), e.tree(),
                          centre(e.tree(), e.model()->layerIndex(2))));
        QCOMPARE(e.cands(2).back(), std::string("k3_e1"));
        QCOMPARE(e.cands(1), (std::vector<std::string>{"skip"}));
        QCOMPARE(e.doc.undoStack()->undoText(),
                 QStringLiteral("Move k3_e1 from layer 1 to layer 2"));
        // Out of the window, where nothing takes it.
        e.tree()->expand(e.model()->layerIndex(0));
        const QPoint outside = e.panel->frameGeometry().bottomRight() + QPoint(300, 300);
        QVERIFY(mouseDrag(e.tree(), centre(e.tree(), e.model()->candidateIndex(0, 0)), nullptr,
                          outside));
        QCOMPARE(QCursor::pos(), outside);
        QCOMPARE(e.doc.undoStack()->undoText(), QStringLiteral("Remove k3_e1 from layer 0"));
        QCOMPARE(e.cands(0), (std::vector<std::string>{"k3_e3", "skip"}));
    }

    void everyEditHasAKeyboardPath() {
        Editor e;
        QVERIFY(QTest::qWaitForWindowActive(e.panel));
        SpaceTreeView* tree = e.tree();
        tree->setFocus();
        // Delete a candidate.
        tree->expand(e.model()->layerIndex(2));
        tree->setCurrentIndex(e.model()->candidateIndex(2, 0));
        QTest::keyClick(tree, Qt::Key_Delete);
        QCOMPARE(e.cands(2), (std::vector<std::string>{"k3_e6", "skip"}));
        // Move layer 1 up: it crosses into stage 0.
        tree->setCurrentIndex(e.model()->layerIndex(1));
        QTest::keyClick(tree, Qt::Key_Up, Qt::AltModifier);
        QCOMPARE(e.space().layers[1].stage, 0);
        QCOMPARE(tree->currentLayer(), 1);
        // Add and duplicate layers.
        QTest::keyClick(tree, Qt::Key_L, Qt::ControlModifier);
        QCOMPARE(e.space().layers.size(), size_t(4));
        QCOMPARE(e.doc.undoStack()->undoText(), QStringLiteral("Add layer 2"));
        QTest::keyClick(tree, Qt::Key_D, Qt::ControlModifier);
        QCOMPARE(e.doc.undoStack()->undoText(), QStringLiteral("Duplicate layer 2"));
        QTest::keyClick(tree, Qt::Key_L, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(e.doc.undoStack()->undoText().startsWith(QStringLiteral("Add stage")));
        // The palette's op onto the selected layer: select in the palette, back to the tree.
        e.palette()->setCurrentIndex(e.panel->paletteModel()->indexOf(QStringLiteral("k3_e6")));
        tree->setCurrentIndex(e.model()->layerIndex(0));
        tree->selectionModel()->select(e.model()->layerIndex(0),
                                       QItemSelectionModel::ClearAndSelect |
                                           QItemSelectionModel::Rows);
        QTest::keyClick(tree, Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(e.cands(0).back(), std::string("k3_e6"));
        // Return in the palette does the same for the tree's selection.
        e.palette()->setFocus();
        e.palette()->setCurrentIndex(e.panel->paletteModel()->indexOf(QStringLiteral("k5_e6")));
        QTest::keyClick(e.palette(), Qt::Key_Return);
        QCOMPARE(e.cands(0).back(), std::string("k5_e6"));
        // Delete the whole stage 0 from the keyboard.
        tree->setFocus();
        tree->setCurrentIndex(e.model()->stageIndex(0));
        tree->selectionModel()->select(e.model()->stageIndex(0),
                                       QItemSelectionModel::ClearAndSelect |
                                           QItemSelectionModel::Rows);
        QTest::keyClick(tree, Qt::Key_Delete);
        QCOMPARE(e.doc.undoStack()->undoText(), QStringLiteral("Remove stage 0"));
    }

    void cOutAndStrideEditInPlace() {
        Editor e;
        QVERIFY(QTest::qWaitForWindowActive(e.panel));
        SpaceTreeView* tree = e.tree();
        tree->setFocus();
        tree->setCurrentIndex(e.model()->layerIndex(1, SpaceTreeModel::COut));
        QTest::keyClick(tree, Qt::Key_F2);
        auto* spin = tree->viewport()->findChild<QSpinBox*>(QStringLiteral("cOutEditor"));
        QVERIFY(spin);
        QCOMPARE(spin->value(), 16);
        QCOMPARE(spin->minimum(), 1);
        spin->setValue(32);
        QTest::keyClick(spin, Qt::Key_Return);
        QTRY_COMPARE(e.space().layers[1].c_out, 32); // set once the editor has closed
        QCOMPARE(e.doc.undoStack()->undoText(), QStringLiteral("Set c_out of layer 1 to 32"));

        tree->setCurrentIndex(e.model()->layerIndex(2, SpaceTreeModel::Stride));
        QTest::keyClick(tree, Qt::Key_F2);
        spin = tree->viewport()->findChild<QSpinBox*>(QStringLiteral("strideEditor"));
        QVERIFY(spin);
        QCOMPARE(spin->maximum(), 4);
        spin->setValue(2);
        QTest::keyClick(spin, Qt::Key_Return);
        QTRY_COMPARE(e.space().layers[2].stride, 2);
    }
};

QTEST_MAIN(SpaceEditorViewTest)
#include "SpaceEditorViewTest.moc"
