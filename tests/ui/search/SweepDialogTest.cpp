// SPDX-License-Identifier: GPL-3.0-or-later
// Search ▸ Search a Front…: the targets as a list edited in place (a count spread fills it), the
// retraining, and the plan the dialog gives its callers.
#include "ui/search/SweepDialog.h"

#include "engine/search/CostTable.h"
#include "tests/support/TinySweep.h"
#include "ui/search/SweepTargetsEditor.h"
#include "ui/search/SweepTargetsModel.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSpinBox>
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <vector>

using namespace dnas;
using namespace dnas::ui;

namespace {
struct Fixture {
    Study study = testsupport::sweepStudy();
    CostTable costs = CostTable::build(study.space, study.cost, nullptr);
    std::pair<double, double> range = SweepPlan::range(costs);
};

// What the list shows, top to bottom, as numbers.
std::vector<double> listed(const SweepDialog& d) {
    std::vector<double> out;
    const QAbstractItemModel* m = d.targetsEditor()->view()->model();
    for (int r = 0; r < m->rowCount(); ++r)
        out.push_back(m->index(r, 0).data(Qt::EditRole).toDouble());
    return out;
}

QLineEdit* openEditor(SweepDialog& d, int row) {
    QListView* view = d.targetsEditor()->view();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete); // the last editor
    view->setFocus();
    const QModelIndex index = view->model()->index(row, 0);
    view->setCurrentIndex(index);
    QTest::keyClick(view, Qt::Key_Return); // Enter edits
    return qobject_cast<QLineEdit*>(view->indexWidget(index));
}

// Types `text` over the editor's and presses Enter, as a user would.
void typeAndEnter(QLineEdit* edit, const QString& text) {
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
    QCoreApplication::processEvents(); // the delegate commits and closes queued
}

QString typed(double value) {
    return QString::number(value, 'g', 6);
}
} // namespace

class SweepDialogTest : public QObject {
    Q_OBJECT
  private slots:
    // A first sweep: three targets spread over the range listed, the plan's targets the list's.
    void theListStartsWithASpreadAndIsWhatThePlanSearches() {
        Fixture f;
        SweepDialog dialog(f.study, f.costs, {}, std::nullopt, {});
        QVERIFY(dialog.isValid());
        const SweepPlan plan = dialog.plan();
        QCOMPARE(plan.targets, SweepPlan::spread(f.costs, 3).targets);
        QCOMPARE(plan.targets, listed(dialog));
        QCOMPARE(QString::fromStdString(plan.unit), QStringLiteral("MMAC"));
        QCOMPARE(plan.retrain, SweepRetrain::None);
        QVERIFY(std::is_sorted(plan.targets.begin(), plan.targets.end()));
    }

    // The count spread fills the list, which stays editable; the plan follows every change.
    void theCountSpreadFillsTheListToEdit() {
        Fixture f;
        SweepDialog dialog(f.study, f.costs, {}, std::nullopt, {});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.countBox()->setValue(5);
        QTest::mouseClick(dialog.spreadButton(), Qt::LeftButton);
        const std::vector<double> five = SweepPlan::spread(f.costs, 5).targets;
        QCOMPARE(listed(dialog), five);
        QCOMPARE(dialog.plan().targets, five);

        // Edited in place, the first target moves to where it sorts.
        const double between = std::sqrt(five[3] * five[4]);
        QLineEdit* edit = openEditor(dialog, 0);
        QVERIFY(edit);
        typeAndEnter(edit, typed(between));
        QTRY_VERIFY(!dialog.targetsEditor()->view()->findChild<QLineEdit*>());
        const std::vector<double> edited = listed(dialog);
        QCOMPARE(int(edited.size()), 5);
        QCOMPARE(edited[3], typed(between).toDouble());
        QVERIFY(std::is_sorted(edited.begin(), edited.end()));
        QCOMPARE(dialog.plan().targets, edited);
        QVERIFY(dialog.result() != QDialog::Accepted); // Enter in the editor started nothing
        QVERIFY(dialog.isVisible());
        QVERIFY(dialog.targetsEditor()->message().isEmpty());

        // Opened and left as it was, a spread target keeps its exact value.
        edit = openEditor(dialog, 4);
        QVERIFY(edit);
        QTest::keyClick(edit, Qt::Key_Return);
        QTRY_VERIFY(!dialog.targetsEditor()->view()->findChild<QLineEdit*>());
        QCOMPARE(listed(dialog).back(), five.back());
    }

    // Typed in place: a bad value, one outside the range and a duplicate are refused with the
    // reason (the range given), and the list keeps its targets.
    void theListEditorRefusesABadValueAndADuplicate() {
        Fixture f;
        SweepDialog dialog(f.study, f.costs, {}, std::nullopt, {});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const std::vector<double> before = listed(dialog);
        SweepTargetsEditor* editor = dialog.targetsEditor();

        // The validator takes no letters or signs at all.
        QLineEdit* edit = openEditor(dialog, 0);
        QVERIFY(edit);
        edit->clear();
        QTest::keyClicks(edit, QStringLiteral("-abc"));
        QCOMPARE(edit->text(), QString());
        typeAndEnter(edit, QStringLiteral("0"));
        QTRY_VERIFY(!editor->message().isEmpty());
        QVERIFY2(editor->message().contains(QStringLiteral("not a positive number")),
                 qPrintable(editor->message()));
        QCOMPARE(listed(dialog), before);

        edit = openEditor(dialog, 0);
        QVERIFY(edit);
        typeAndEnter(edit, typed(f.range.second * 2));
        QTRY_VERIFY2(editor->message().contains(QStringLiteral("outside")),
                     qPrintable(editor->message() + " / " + typed(f.range.second * 2)));
        QVERIFY2(editor->message().contains(
                     QStringLiteral("%1–%2 MMAC").arg(typed(f.range.first), typed(f.range.second))),
                 qPrintable(editor->message()));
        QVERIFY(editor->findChild<QLabel*>(QStringLiteral("sweepTargetsMessage"))->isVisible());
        QCOMPARE(listed(dialog), before);

        edit = openEditor(dialog, 0);
        QVERIFY(edit);
        typeAndEnter(edit, typed(before[2]));
        QTRY_VERIFY2(editor->message().contains(QStringLiteral("already listed")),
                     qPrintable(editor->message()));
        QCOMPARE(listed(dialog), before);
        QVERIFY(dialog.isValid()); // a refused edit leaves the list as good as it was
        QCOMPARE(dialog.plan().targets, before);

        // A good edit clears the message.
        edit = openEditor(dialog, 0);
        QVERIFY(edit);
        typeAndEnter(edit, typed(std::sqrt(before[0] * f.range.first)));
        QTRY_VERIFY(editor->message().isEmpty());
        QCOMPARE(listed(dialog).front(), typed(std::sqrt(before[0] * f.range.first)).toDouble());
    }

    // Add lists a target in the widest gap and opens it; Delete and Remove drop the selected.
    void addRemoveAndTheKeyboard() {
        Fixture f;
        SweepDialog dialog(f.study, f.costs, {}, std::nullopt, {});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        SweepTargetsEditor* editor = dialog.targetsEditor();
        QListView* view = editor->view();
        QCOMPARE(view->model()->rowCount(), 3);

        QTest::mouseClick(editor->addButton(), Qt::LeftButton);
        QCOMPARE(view->model()->rowCount(), 4);
        QLineEdit* edit = view->findChild<QLineEdit*>(QStringLiteral("sweepTargetEditor"));
        QVERIFY(edit); // open on the new target
        const double added = view->currentIndex().data(Qt::EditRole).toDouble();
        QVERIFY(added > f.range.first && added < f.range.second);
        QTest::keyClick(edit, Qt::Key_Escape);
        QTRY_VERIFY(!view->findChild<QLineEdit*>());
        std::vector<double> now = listed(dialog);
        QVERIFY(std::is_sorted(now.begin(), now.end()));
        QCOMPARE(dialog.plan().targets, now);

        // Delete removes the current target and leaves the next one current.
        view->setFocus();
        view->setCurrentIndex(view->model()->index(1, 0));
        const double second = now[1];
        QTest::keyClick(view, Qt::Key_Delete);
        QCOMPARE(view->model()->rowCount(), 3);
        const std::vector<double> left = listed(dialog);
        QVERIFY(std::find(left.begin(), left.end(), second) == left.end());
        QCOMPARE(view->currentIndex().row(), 1);

        // Remove drops every selected target; an empty list turns Start off.
        view->selectAll();
        QVERIFY(editor->removeButton()->isEnabled());
        QTest::mouseClick(editor->removeButton(), Qt::LeftButton);
        QCOMPARE(view->model()->rowCount(), 0);
        QVERIFY(!editor->removeButton()->isEnabled());
        QVERIFY(!dialog.isValid());
        QVERIFY(!dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->isEnabled());
        QTest::mouseClick(editor->addButton(), Qt::LeftButton);
        QVERIFY(dialog.isValid());
        QCOMPARE(dialog.plan().targets, listed(dialog));
    }

    // A stopped sweep's targets prefill the list; unchanged, the plan gives them back in the
    // order they were searched in, so the sweep continues.
    void aStoppedSweepsTargetsComeBackInTheirOrder() {
        Fixture f;
        SweepPlan stopped = SweepPlan::spread(f.costs, 3);
        std::reverse(stopped.targets.begin(), stopped.targets.end());
        stopped.retrain = SweepRetrain::Proxy;
        stopped.proxy_epochs = 4;
        SweepDialog dialog(f.study, f.costs, {}, stopped, QStringLiteral("stopped"));
        std::vector<double> sorted = stopped.targets;
        std::sort(sorted.begin(), sorted.end());
        QCOMPARE(listed(dialog), sorted);
        QVERIFY(dialog.plan().sameAs(stopped));
        QCOMPARE(dialog.plan().proxy_epochs, 4);
        dialog.targetsModel()->removeRow(0);
        QCOMPARE(dialog.plan().targets, listed(dialog));
    }

    // Without a cost range nothing can be checked: Start stays off, saying why.
    void noRangeNoStart() {
        Fixture f;
        SweepDialog dialog(f.study, std::nullopt, QStringLiteral("no LUT"), std::nullopt, {});
        QVERIFY(!dialog.isValid());
        QVERIFY(dialog.error().contains(QStringLiteral("no LUT")));
        QVERIFY(!dialog.spreadButton()->isEnabled());
    }

    void retrainingChoices() {
        Fixture f;
        SweepDialog dialog(f.study, f.costs, {}, std::nullopt, {});
        QVERIFY(!dialog.proxyEpochsBox()->isEnabled());
        dialog.retrainBox()->setCurrentIndex(1);
        dialog.proxyEpochsBox()->setValue(4);
        QVERIFY(dialog.proxyEpochsBox()->isEnabled());
        const SweepPlan p = dialog.plan();
        QCOMPARE(p.retrain, SweepRetrain::Proxy);
        QCOMPARE(p.proxy_epochs, 4);
        dialog.retrainBox()->setCurrentIndex(2);
        QCOMPARE(dialog.plan().retrain, SweepRetrain::Full);
    }
};

QTEST_MAIN(SweepDialogTest)
#include "SweepDialogTest.moc"
