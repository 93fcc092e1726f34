// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/study/StudySettingsPanel.h"
#include "engine/search/CostTable.h"
#include "ui/study/StudyDocument.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace dnas;
using namespace dnas::ui;

class StudySettingsPanelTest : public QObject {
    Q_OBJECT
  private:
    template <class W> W* field(StudySettingsPanel& panel, const char* name) {
        auto* w = panel.findChild<W*>(QString::fromLatin1(name));
        if (!w)
            qFatal("no field %s", name);
        return w;
    }

    QTemporaryDir cache_;

    // The shipped study with FBNet's loss and no target, whatever the shipped study steers to:
    // the tests of turning a target on start from there.
    static Study fbnetLossStudy() {
        Study study = Study::defaultStudy();
        study.settings.loss = LossKind::Multiplicative;
        study.settings.target = 0.0;
        study.settings.target_quantile = 0.0;
        return study;
    }

  private slots:
    void initTestCase() {
        // No machine LUT ("auto"): the default study's latency range is then unknown, whatever
        // this machine has measured.
        QVERIFY(cache_.isValid());
        qputenv("DNAS_CACHE_DIR", cache_.path().toUtf8());
    }

    void showsTheStudy() {
        StudyDocument doc;
        doc.reset(Study::defaultStudy());
        StudySettingsPanel panel(&doc);
        QCOMPARE(field<QSpinBox>(panel, "epochs")->value(), doc.study().settings.epochs);
        QCOMPARE(field<QSpinBox>(panel, "trainEpochs")->value(), doc.study().train.epochs);
        QCOMPARE(field<QComboBox>(panel, "mode")->currentData().toString(),
                 QString::fromLatin1(toString(doc.study().settings.mode)));
        QCOMPARE(field<QCheckBox>(panel, "augment")->isChecked(), doc.study().train.augment);
        QCOMPARE(field<QSpinBox>(panel, "limit")->value(),
                 static_cast<int>(doc.study().settings.limit));
        // What θ decides with, and when it decides.
        QCOMPARE(field<QDoubleSpinBox>(panel, "wFraction")->value(),
                 doc.study().settings.w_fraction);
        QCOMPARE(field<QCheckBox>(panel, "progressiveDecisions")->isChecked(),
                 doc.study().settings.progressive_decisions);
        QCOMPARE(field<QDoubleSpinBox>(panel, "decisionMargin")->value(),
                 doc.study().settings.decision_margin);
        field<QDoubleSpinBox>(panel, "wFraction")->setValue(0.5);
        QCOMPARE(doc.study().settings.w_fraction, 0.5);
        field<QDoubleSpinBox>(panel, "decisionMargin")->setValue(0.3);
        QCOMPARE(doc.study().settings.decision_margin, 0.3);
    }

    void everyChangeIsOneUndoStep() {
        StudyDocument doc;
        Study study = Study::defaultStudy();
        study.settings.share_kernels = true; // trained near the largest path, which needs them
        study.settings.w_paths = WeightPaths::LargestSwap;
        doc.reset(study);
        const int epochs = doc.study().settings.epochs;
        StudySettingsPanel panel(&doc);
        field<QSpinBox>(panel, "epochs")->setValue(epochs + 5);
        QCOMPARE(doc.study().settings.epochs, epochs + 5);
        QVERIFY(doc.isModified());
        QVERIFY(doc.study().settings.mode != SearchMode::Sampled);
        field<QComboBox>(panel, "mode")->setCurrentIndex(1);
        // Shared kernels off while the weights train near the largest path: refused, naming the
        // setting to change first, which the form offers.
        field<QCheckBox>(panel, "shareKernels")->setChecked(false);
        QVERIFY(doc.study().settings.share_kernels);
        QVERIFY(field<QLabel>(panel, "settingsError")->text().contains("w_paths"));
        field<QComboBox>(panel, "wPaths")->setCurrentIndex(0);
        QCOMPARE(doc.study().settings.w_paths, WeightPaths::Sampled);
        field<QCheckBox>(panel, "shareKernels")->setChecked(false);
        field<QDoubleSpinBox>(panel, "weightDecay")->setValue(1e-4);
        QCOMPARE(doc.study().settings.mode, SearchMode::Sampled);
        QVERIFY(!doc.study().settings.share_kernels);
        QCOMPARE(doc.study().train.weight_decay, 1e-4);
        QCOMPARE(doc.undoStack()->count(), 5);
        doc.undoStack()->undo(); // weight decay
        doc.undoStack()->undo(); // shared kernels
        QVERIFY(doc.study().settings.share_kernels);
        QVERIFY(field<QCheckBox>(panel, "shareKernels")->isChecked()); // the form follows
        doc.undoStack()->undo();                                       // weight paths
        QCOMPARE(field<QComboBox>(panel, "wPaths")->currentData().toString(),
                 QStringLiteral("largest-swap"));
        doc.undoStack()->undo();
        doc.undoStack()->undo();
        QCOMPARE(field<QSpinBox>(panel, "epochs")->value(), epochs);
        QVERIFY(!doc.isModified());
    }

    void steppingOneFieldMergesIntoOneStep() {
        StudyDocument doc;
        doc.reset(Study::defaultStudy());
        StudySettingsPanel panel(&doc);
        auto* batch = field<QSpinBox>(panel, "batchSize");
        for (int i = 0; i < 5; ++i)
            batch->stepUp();
        QCOMPARE(doc.undoStack()->count(), 1);
        QCOMPARE(doc.study().settings.batch_size, 128 + 5);
    }

    void refusedCombinationsNeverReachTheStudy() {
        StudyDocument doc;
        doc.reset(Study::defaultStudy());
        StudySettingsPanel panel(&doc);
        const int warmup = doc.study().settings.warmup_epochs;
        // More warm-up epochs than epochs: the engine refuses it, so the study keeps its value,
        // the form is put back and says why.
        field<QSpinBox>(panel, "warmupEpochs")->setValue(doc.study().settings.epochs + 3);
        QCOMPARE(doc.study().settings.warmup_epochs, warmup);
        QCOMPARE(field<QSpinBox>(panel, "warmupEpochs")->value(), warmup);
        QVERIFY(field<QLabel>(panel, "settingsError")->text().contains("warmup_epochs"));
        QCOMPARE(doc.undoStack()->count(), 0);
    }

    void latencyTargetGoesThroughTheUndoStack() {
        StudyDocument doc;
        doc.reset(fbnetLossStudy());
        StudySettingsPanel panel(&doc);
        auto* on = field<QCheckBox>(panel, "targetEnabled");
        auto* target = field<QDoubleSpinBox>(panel, "target");
        QCOMPARE(doc.study().settings.loss, LossKind::Multiplicative);
        QVERIFY(!on->isChecked());
        QCOMPARE(target->suffix(), QStringLiteral(" µs")); // the cost model's unit

        target->setValue(900.0);
        on->setChecked(true);
        QCOMPARE(doc.study().settings.loss, LossKind::Target);
        QCOMPARE(doc.study().settings.target, 900.0);
        QVERIFY(doc.study().settings.steersToTarget());
        QCOMPARE(doc.undoStack()->count(), 1); // one field: value and switch merge
        QVERIFY(doc.undoStack()->undoText().contains("Latency target"));
        field<QDoubleSpinBox>(panel, "targetTolerance")->setValue(10.0);
        QCOMPARE(doc.study().settings.target_tolerance, 0.10);
        QCOMPARE(doc.undoStack()->count(), 2);

        doc.undoStack()->undo();
        QCOMPARE(doc.study().settings.target_tolerance, 0.05);
        doc.undoStack()->undo();
        QCOMPARE(doc.study().settings.loss, LossKind::Multiplicative);
        QCOMPARE(doc.study().settings.target, 0.0);
        QVERIFY(!on->isChecked()); // the form follows
        QCOMPARE(target->value(), 0.0);
        QVERIFY(!doc.isModified());
        doc.undoStack()->redo();
        QCOMPARE(doc.study().settings.loss, LossKind::Target);
        QCOMPARE(doc.study().settings.target, 900.0);
        QVERIFY(on->isChecked());

        // Switched off, the loss goes back to FBNet's and the target value stays for later.
        on->setChecked(false);
        QCOMPARE(doc.study().settings.loss, LossKind::Multiplicative);
        QCOMPARE(doc.study().settings.target, 900.0);
    }

    void targetWeightIsEditableWhereTheLossUsesIt() {
        StudyDocument doc;
        doc.reset(fbnetLossStudy());
        StudySettingsPanel panel(&doc);
        auto* lambda = field<QDoubleSpinBox>(panel, "lambda");
        QVERIFY(!lambda->isEnabled()); // FBNet's loss weighs cost by α and β instead
        field<QDoubleSpinBox>(panel, "target")->setValue(900.0);
        field<QCheckBox>(panel, "targetEnabled")->setChecked(true);
        QVERIFY(lambda->isEnabled());
        const double before = doc.study().settings.lambda;
        QCOMPARE(lambda->value(), before);
        lambda->setValue(2.5);
        QCOMPARE(doc.study().settings.lambda, 2.5);
        QVERIFY(doc.undoStack()->undoText().contains(QStringLiteral("λ")));
        doc.undoStack()->undo();
        QCOMPARE(doc.study().settings.lambda, before);
        QCOMPARE(lambda->value(), before);
    }

    void targetWithoutACostIsRefused() {
        StudyDocument doc;
        doc.reset(fbnetLossStudy()); // "auto" LUT not measured here: no range to start from
        StudySettingsPanel panel(&doc);
        QVERIFY(field<QLabel>(panel, "costRange")->text().isEmpty()); // nothing invented
        field<QCheckBox>(panel, "targetEnabled")->setChecked(true);
        QCOMPARE(doc.study().settings.loss, LossKind::Multiplicative);
        QVERIFY(!field<QCheckBox>(panel, "targetEnabled")->isChecked());
        QVERIFY2(field<QLabel>(panel, "settingsError")->text().contains("settings.target"),
                 qPrintable(field<QLabel>(panel, "settingsError")->text()));
        QCOMPARE(doc.undoStack()->count(), 0);
    }

    void showsTheCostRangeAndStartsTheTargetInIt() {
        Study study = fbnetLossStudy();
        study.cost.kind = "macs"; // computed from the space, no LUT needed
        study.cost.lut.clear();
        StudyDocument doc;
        doc.reset(study);
        StudySettingsPanel panel(&doc);
        const CostTable table = CostTable::build(study.space, study.cost, nullptr);
        QVERIFY(table.minCost() < table.maxCost());
        const QString range = field<QLabel>(panel, "costRange")->text();
        const int decimals = table.maxCost() >= 100.0 ? 0 : 2;
        QVERIFY2(range.contains(panel.locale().toString(table.minCost(), 'f', decimals)) &&
                     range.contains(panel.locale().toString(table.maxCost(), 'f', decimals)) &&
                     range.contains("MMAC"),
                 qPrintable(range));
        QCOMPARE(field<QDoubleSpinBox>(panel, "target")->suffix(), QStringLiteral(" MMAC"));

        field<QCheckBox>(panel, "targetEnabled")->setChecked(true);
        QCOMPARE(doc.study().settings.loss, LossKind::Target);
        const double mid = (table.minCost() + table.maxCost()) / 2.0;
        QVERIFY(std::abs(doc.study().settings.target - mid) <= 0.005);
        QVERIFY(field<QDoubleSpinBox>(panel, "targetTolerance")->isEnabled());
    }

    // A target as a share of the space: one undo step that turns steering on, the target field
    // showing the cost it stands for on this table, and that cost kept when it is turned off.
    void quantileTargetShowsItsCost() {
        Study study = fbnetLossStudy();
        study.cost.kind = "macs";
        study.cost.lut.clear();
        StudyDocument doc;
        doc.reset(study);
        StudySettingsPanel panel(&doc);
        const double cost = CostTable::build(study.space, study.cost, nullptr).quantile(0.15);
        auto* target = field<QDoubleSpinBox>(panel, "target");
        field<QDoubleSpinBox>(panel, "targetQuantile")->setValue(15.0);
        QCOMPARE(doc.study().settings.loss, LossKind::Target);
        QCOMPARE(doc.study().settings.target_quantile, 0.15);
        QCOMPARE(doc.study().settings.target, 0.0); // resolved by the search, not stored
        QVERIFY(!target->isEnabled());
        QVERIFY(std::abs(target->value() - cost) <= 0.005);
        QVERIFY(field<QCheckBox>(panel, "targetEnabled")->isChecked());
        QCOMPARE(doc.undoStack()->count(), 1);

        field<QDoubleSpinBox>(panel, "targetQuantile")->setValue(0.0);
        QCOMPARE(doc.study().settings.target_quantile, 0.0);
        QVERIFY(std::abs(doc.study().settings.target - cost) <= 0.005);
        QVERIFY(target->isEnabled());
        doc.undoStack()->undo(); // edits of one field merge: back to the study as opened
        QCOMPARE(doc.study().settings.target_quantile, 0.0);
        QCOMPARE(doc.study().settings.loss, study.settings.loss);
        QCOMPARE(doc.study().settings.target, study.settings.target);
    }

    void temperatureScheduleAndFinalTemperature() {
        StudyDocument doc;
        doc.reset(Study::defaultStudy());
        StudySettingsPanel panel(&doc);
        auto* tauEnd = field<QDoubleSpinBox>(panel, "tauEnd");
        QCOMPARE(tauEnd->value(), doc.study().settings.tau_end);
        tauEnd->setValue(0.2);
        QCOMPARE(doc.study().settings.tau_end, 0.2);
        // Above τ0 the engine refuses it: not stored, and the form says why.
        tauEnd->setValue(doc.study().settings.tau0 + 1.0);
        QCOMPARE(doc.study().settings.tau_end, 0.2);
        QCOMPARE(tauEnd->value(), 0.2);
        QVERIFY(field<QLabel>(panel, "settingsError")->text().contains("tau_end"));

        auto* schedule = field<QComboBox>(panel, "tauSchedule");
        QCOMPARE(schedule->currentData().toString(), QStringLiteral("anneal"));
        schedule->setCurrentIndex(schedule->findData(QStringLiteral("per-epoch")));
        QCOMPARE(doc.study().settings.tau_schedule, TauSchedule::PerEpoch);
        QVERIFY(!tauEnd->isEnabled()); // unused by that schedule
        QCOMPARE(doc.undoStack()->count(), 2);
        doc.undoStack()->undo();
        QCOMPARE(doc.study().settings.tau_schedule, TauSchedule::Anneal);
        QVERIFY(tauEnd->isEnabled());
    }

    void followsAnotherStudy() {
        StudyDocument doc;
        doc.reset(Study::defaultStudy());
        StudySettingsPanel panel(&doc);
        Study other = Study::defaultStudy();
        other.settings.epochs = 42;
        other.train.augment = !other.train.augment;
        doc.reset(other);
        QCOMPARE(field<QSpinBox>(panel, "epochs")->value(), 42);
        QCOMPARE(field<QCheckBox>(panel, "augment")->isChecked(), other.train.augment);
        QCOMPARE(doc.undoStack()->count(), 0); // showing a study is no edit
    }
};

QTEST_MAIN(StudySettingsPanelTest)
#include "StudySettingsPanelTest.moc"
