// SPDX-License-Identifier: GPL-3.0-or-later
#include "study/StudyDocument.h"
#include "study/StudySettingsPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QSpinBox>
#include <QUndoStack>
#include <QtTest>

using namespace dnas;
using namespace dnas::ui;

class StudySettingsPanelTest : public QObject {
    Q_OBJECT
  private:
    template <class W> W* field(StudySettingsPanel& panel, const char* name) {
        auto* w = panel.findChild<W*>(QString::fromLatin1(name));
        if (!w) qFatal("no field %s", name);
        return w;
    }

  private slots:
    void showsTheStudy() {
        StudyDocument doc;
        doc.reset(Study::defaultStudy());
        StudySettingsPanel panel(&doc);
        QCOMPARE(field<QSpinBox>(panel, "epochs")->value(), doc.study().settings.epochs);
        QCOMPARE(field<QSpinBox>(panel, "trainEpochs")->value(), doc.study().train.epochs);
        QCOMPARE(field<QComboBox>(panel, "mode")->currentData().toString(),
                 QString::fromStdString(doc.study().settings.mode));
        QCOMPARE(field<QCheckBox>(panel, "augment")->isChecked(), doc.study().train.augment);
        QCOMPARE(field<QSpinBox>(panel, "limit")->value(),
                 static_cast<int>(doc.study().settings.limit));
    }

    void everyChangeIsOneUndoStep() {
        StudyDocument doc;
        doc.reset(Study::defaultStudy());
        const int epochs = doc.study().settings.epochs;
        StudySettingsPanel panel(&doc);
        field<QSpinBox>(panel, "epochs")->setValue(epochs + 5);
        QCOMPARE(doc.study().settings.epochs, epochs + 5);
        QVERIFY(doc.isModified());
        field<QComboBox>(panel, "mode")->setCurrentIndex(1);
        field<QCheckBox>(panel, "shareKernels")->setChecked(true);
        field<QDoubleSpinBox>(panel, "weightDecay")->setValue(1e-4);
        QCOMPARE(doc.study().settings.mode, std::string("sampled"));
        QVERIFY(doc.study().settings.share_kernels);
        QCOMPARE(doc.study().train.weight_decay, 1e-4);
        QCOMPARE(doc.undoStack()->count(), 4);
        doc.undoStack()->undo(); // weight decay
        doc.undoStack()->undo(); // shared kernels
        QVERIFY(!doc.study().settings.share_kernels);
        QVERIFY(!field<QCheckBox>(panel, "shareKernels")->isChecked()); // the form follows
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
        for (int i = 0; i < 5; ++i) batch->stepUp();
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
