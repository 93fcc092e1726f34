// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/spaceeditor/CustomOpDialog.h"
#include "tests/support/TinyStudy.h"
#include "tests/ui/spaceeditor/EditorTestUtil.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QtTest>

using namespace dnas;
using namespace dnas::ui;

namespace {
QPushButton* okButton(CustomOpDialog& d) {
    return d.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
}
} // namespace

class CustomOpDialogTest : public QObject {
    Q_OBJECT
  private slots:
    void theNameFollowsTheFieldsUntilTyped() {
        CustomOpDialog d(testsupport::tinySpace());
        QCOMPARE(d.nameEdit()->text(), QStringLiteral("k7_e4"));
        QVERIFY(d.isAcceptable());
        QVERIFY(okButton(d)->isEnabled());
        d.expansionBox()->setValue(6);
        d.seBox()->setChecked(true);
        d.activationBox()->setCurrentIndex(1);
        QCOMPARE(d.nameEdit()->text(), QStringLiteral("k7_e6_se_hs"));
        const OpSpec op = d.op();
        QCOMPARE(op.kernel, 7);
        QCOMPARE(op.expansion, 6);
        QVERIFY(op.se);
        QCOMPARE(op.act, std::string("hswish"));
        QTest::keyClicks(d.nameEdit(), QStringLiteral("x"));
        d.kernelBox()->setValue(5);
        QCOMPARE(d.nameEdit()->text(), QStringLiteral("k7_e6_se_hsx")); // typed: kept
    }

    void refusesWhatTheSpaceCannotTake() {
        SearchSpace space = testsupport::tinySpace();
        space.custom_ops["k7_e4"] = testsupport::irOp("k7_e4", 7, 4);
        CustomOpDialog d(space);
        // Same fields as the space's k7_e4, under its own name: taken.
        QVERIFY2(d.problem().contains("already has an op"), qPrintable(d.problem()));
        QVERIFY(!okButton(d)->isEnabled());
        QVERIFY(!d.problemLabel()->isHidden());
        d.nameEdit()->setText(QStringLiteral("big7"));
        QVERIFY2(d.problem().contains("same block as “k7_e4”"), qPrintable(d.problem()));
        d.expansionBox()->setValue(3);
        QVERIFY(d.isAcceptable());
        d.kernelBox()->setValue(4); // typed: the spin box steps by 2 but accepts any number
        QVERIFY2(d.problem().contains("kernel: must be odd"), qPrintable(d.problem()));
        d.kernelBox()->setValue(3);
        d.expansionBox()->setValue(6);
        QVERIFY2(d.problem().contains("same block as “k3_e6”"), qPrintable(d.problem()));
        d.expansionBox()->setValue(2);
        d.nameEdit()->setText(QStringLiteral("k3_e1"));
        QVERIFY(d.problem().contains("built-in"));
        d.nameEdit()->setText(QStringLiteral("my-op"));
        QVERIFY(d.problem().contains("“-”"));
        d.nameEdit()->clear();
        QVERIFY(d.problem().contains("name"));
        d.nameEdit()->setText(QStringLiteral("k3_e2"));
        QVERIFY(okButton(d)->isEnabled());
    }

    void editingKeepsTheName() {
        SearchSpace space = testsupport::tinySpace();
        const OpSpec op = testsupport::irOp("mine", 5, 2);
        space.custom_ops[op.name] = op;
        CustomOpDialog d(space);
        d.setOp(op, true);
        QVERIFY(d.nameEdit()->isReadOnly());
        QCOMPARE(d.nameEdit()->text(), QStringLiteral("mine"));
        QVERIFY(d.isAcceptable()); // its own name is not "taken"
        d.groupsBox()->setValue(2);
        QCOMPARE(d.op().groups, 2);
        QCOMPARE(d.op().name, std::string("mine"));
    }
};

QTEST_MAIN(CustomOpDialogTest)
#include "CustomOpDialogTest.moc"
