// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/ArchitectureInspector.h"
#include "engine/cost/LatencyTable.h"
#include "engine/cost/ModelCounter.h"
#include "engine/space/Architecture.h"
#include "engine/space/SearchSpace.h"
#include "engine/util/JsonFile.h"

#include <QApplication>
#include <QClipboard>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <nlohmann/json.hpp>

using dnas::ui::ArchitectureInspector;

class ArchitectureInspectorTest : public QObject {
    Q_OBJECT
    dnas::SearchSpace space_ = dnas::SearchSpace::load("fbnet");
    dnas::Architecture fbnetC_ = *dnas::Architecture::reference("fbnet-c");

  private slots:
    void totalsEqualModelCounterForFbnetC() {
        ArchitectureInspector insp;
        insp.setSpace(space_);
        QVERIFY2(insp.setArchitecture(fbnetC_), qPrintable(insp.errorText()));
        const dnas::OpCount want = dnas::ModelCounter::count(space_, fbnetC_).total();
        QCOMPARE(insp.totals().macs, want.macs);
        QCOMPARE(insp.totals().params, want.params);
        // The published mobile-vision figure (docs/architecture.md §5) as a sanity check of the
        // wiring.
        QVERIFY(want.macs > 370e6 && want.macs < 390e6);
        QCOMPARE(insp.table()->rowCount(), 22 + 4 + 1);
        QCOMPARE(insp.table()->item(1, 1)->text(), QString("k3_e1"));
        QCOMPARE(insp.table()->item(3, 1)->text(), QString("skip"));
        QCOMPARE(insp.table()->item(1, 3)->text(), QString("16×112×112"));
    }

    void costsPerLutAndTotals() {
        dnas::LatencyTable full, partial;
        double value = 1.0;
        for (const auto& sig : dnas::LatencyTable::signaturesFor(space_)) {
            dnas::LutEntry e;
            e.sig = sig;
            e.latency_us = value;
            value += 0.5;
            full.set(e);
            if (sig.op != "k5_e6")
                partial.set(e);
        }
        ArchitectureInspector insp;
        insp.setSpace(space_);
        insp.setLuts({{"full", &full}, {"partial", &partial}});
        QVERIFY(insp.setArchitecture(fbnetC_));
        QCOMPARE(insp.totals().costs.size(), size_t(2));
        QVERIFY(insp.totals().costs[0].has_value());
        QVERIFY(qAbs(*insp.totals().costs[0] -
                     full.archCost(space_, fbnetC_, dnas::CostMetric::Latency)) < 1e-6);
        QVERIFY(!insp.totals().costs[1].has_value()); // k5_e6 missing
        QCOMPARE(insp.table()->columnCount(), 6 + 2);
        QCOMPARE(insp.table()->item(6, 7)->text(), QString("missing")); // layer 5 is k5_e6
    }

    void acceptsTheStringPlotsSend() {
        ArchitectureInspector insp;
        insp.setSpace(space_);
        QVERIFY(insp.showArchitecture(QString::fromStdString(fbnetC_.toString())));
        QCOMPARE(insp.architecture().ops, fbnetC_.ops);
        QVERIFY(!insp.showArchitecture("k3_e1-k3_e6"));
        QVERIFY(insp.errorText().contains("22"));
        QCOMPARE(insp.table()->rowCount(), 0);
    }

    void savesAndCopies() {
        ArchitectureInspector insp;
        insp.setSpace(space_);
        QVERIFY(insp.setArchitecture(fbnetC_));
        QTemporaryDir dir;
        const QString path = dir.filePath("c.arch.json");
        QString err;
        QVERIFY2(insp.saveArchitecture(path, &err), qPrintable(err));
        const auto back = dnas::Architecture::fromJson(dnas::readJsonFile(path.toStdString()),
                                                       path.toStdString());
        QCOMPARE(back.ops, fbnetC_.ops);
        QCOMPARE(back.space, space_.name);
        insp.copyToClipboard();
        QCOMPARE(QApplication::clipboard()->text(), QString::fromStdString(fbnetC_.toString()));
    }
};

QTEST_MAIN(ArchitectureInspectorTest)
#include "ArchitectureInspectorTest.moc"
