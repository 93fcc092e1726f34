// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/runs/RunComparison.h"

#include "tests/ui/runs/RunFolderFixture.h"
#include "ui/plots/CurvesPlot.h"
#include "ui/plots/ParetoPlot.h"
#include "ui/plots/TargetMarker.h"
#include "ui/runs/RunsModel.h"

#include <QTemporaryDir>
#include <QtTest>
#include <optional>
#include <qcustomplot.h>

using namespace dnas;
using namespace dnas::ui;
using C = CurvesPlot::OverlayCurve;

namespace {
std::vector<double> values(const QCPGraph* g) {
    std::vector<double> out;
    for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it)
        out.push_back(it->value);
    return out;
}
std::vector<double> keys(const QCPGraph* g) {
    std::vector<double> out;
    for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it)
        out.push_back(it->key);
    return out;
}
} // namespace

class RunComparisonTest : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    std::vector<testsupport::FakeRun> runs_;

  private slots:
    void initTestCase() {
        QVERIFY(tmp_.isValid());
        qputenv("DNAS_CACHE_DIR", QDir(tmp_.path()).filePath(QStringLiteral("cache")).toUtf8());
        runs_.push_back(testsupport::writeRun(tmp_.path().toStdString(), "first",
                                              testsupport::cifarStudy(4), 1));
        runs_.push_back(testsupport::writeRun(tmp_.path().toStdString(), "second",
                                              testsupport::cifarStudy(3), 2));
    }

    void overlaySeriesMatchEachRunsLogs() {
        RunsModel model;
        CurvesPlot curves;
        ParetoPlot pareto;
        RunComparison comparison(&model, &curves, &pareto, nullptr);
        for (const auto& r : runs_) {
            model.addFolder(QString::fromStdString(r.dir));
            model.setChecked(QString::fromStdString(r.dir), true);
        }
        QSignalSpy updated(&comparison, &RunComparison::updated);
        QVERIFY(updated.wait(2000)); // the two ticks rebuild once
        QCOMPARE(updated.count(), 1);
        QCOMPARE(curves.overlayCount(), 2);
        QCOMPARE(pareto.overlayCount(), 2);
        QVERIFY(!curves.graph(CurvesPlot::Series::TrainLoss)->visible()); // the own run recedes
        for (int i = 0; i < 2; ++i) {
            const auto& run = runs_[static_cast<size_t>(i)];
            std::vector<double> loss, acc, cost, tau, entropy, x, xVal;
            for (const auto& e : run.epochs) {
                x.push_back(e.epoch + 1.0);
                loss.push_back(e.train_loss);
                if (!e.warmup) {
                    xVal.push_back(e.epoch + 1.0);
                    acc.push_back(e.val_accuracy * 100.0);
                }
                cost.push_back(e.expected_cost);
                tau.push_back(e.temperature);
                entropy.push_back(e.meanEntropy());
            }
            QCOMPARE(keys(curves.overlayGraph(i, C::TrainLoss)), x);
            QCOMPARE(values(curves.overlayGraph(i, C::TrainLoss)), loss);
            QCOMPARE(keys(curves.overlayGraph(i, C::ValAccuracy)), xVal);
            QCOMPARE(values(curves.overlayGraph(i, C::ValAccuracy)), acc);
            QCOMPARE(values(curves.overlayGraph(i, C::EpochCost)), cost);
            QCOMPARE(values(curves.overlayGraph(i, C::Temperature)), tau);
            QCOMPARE(values(curves.overlayGraph(i, C::Entropy)), entropy);
            // A colour per run, the legend naming the run.
            const QString name = QFileInfo(QString::fromStdString(run.dir)).fileName();
            QCOMPARE(curves.overlayGraph(i, C::TrainLoss)->name(), name);
            QCOMPARE(curves.overlayGraph(i, C::TrainLoss)->pen().color(), model.colour(i));

            std::vector<SampledArchitecture> all;
            for (const auto& set : run.samples)
                all.insert(all.end(), set.samples.begin(), set.samples.end());
            const auto& o = pareto.overlay(i);
            QCOMPARE(o.points->dataCount(), static_cast<int>(all.size()));
            QCOMPARE(o.front->name(), name);
            QCOMPARE(o.front->pen().color(), model.colour(i));
            std::vector<double> fx, fy;
            for (size_t k : paretoFront(all)) {
                fx.push_back(all[k].cost);
                fy.push_back(all[k].accuracy * 100.0);
            }
            QCOMPARE(keys(o.front), fx);
            QCOMPARE(values(o.front), fy);
            QCOMPARE(keys(o.delivered), std::vector<double>{run.delivered.cost});
            QCOMPARE(o.retrained->dataCount(), 0);
        }
        QCOMPARE(curves.overlayGraph(0, C::TrainLoss)->keyAxis()->range().upper, 4.0);
    }

    void aRetrainedMarkerAppearsWhenRetrainingFinishes() {
        RunsModel model;
        ParetoPlot pareto;
        RunComparison comparison(&model, nullptr, &pareto, nullptr);
        const auto& run = runs_[1];
        model.addFolder(QString::fromStdString(run.dir));
        model.setChecked(QString::fromStdString(run.dir), true);
        comparison.update();
        QCOMPARE(pareto.overlay(0).retrained->dataCount(), 0);
        testsupport::writeTrain(run.dir, 0.9);
        model.refresh(); // what the Runs panel's timer does
        QTRY_COMPARE(pareto.overlay(0).retrained->dataCount(), 1);
        QCOMPARE(keys(pareto.overlay(0).retrained), std::vector<double>{run.delivered.cost});
        QCOMPARE(values(pareto.overlay(0).retrained), std::vector<double>{90.0});
        QVERIFY(pareto.plot()->legend->visible());
        // Unticked: back to the own run.
        model.setChecked(QString::fromStdString(run.dir), false);
        QTRY_COMPARE(pareto.overlayCount(), 0);
        QVERIFY(!pareto.plot()->legend->visible());
    }

    // A run searched for a target (its study.json's "target" loss) draws that target over the
    // expected cost in its colour; a run without one draws none.
    void eachTickedRunWithATargetDrawsItInItsColour() {
        Study targeted = testsupport::cifarStudy(3);
        targeted.settings.loss = LossKind::Target;
        targeted.settings.target = 1200.0;
        targeted.settings.target_tolerance = 0.08;
        const auto withTarget =
            testsupport::writeRun(tmp_.path().toStdString(), "targeted", targeted, 3);
        RunsModel model;
        CurvesPlot curves;
        RunComparison comparison(&model, &curves, nullptr, nullptr);
        for (const std::string& dir : {runs_[0].dir, withTarget.dir}) {
            model.addFolder(QString::fromStdString(dir));
            model.setChecked(QString::fromStdString(dir), true);
        }
        comparison.update();
        QCOMPARE(curves.overlayCount(), 2);
        QVERIFY(curves.overlayTarget(0) == nullptr); // the default study steers to no target
        const TargetMarker* t = curves.overlayTarget(1);
        QVERIFY(t);
        QVERIFY(t->line()->visible());
        QCOMPARE(t->cost(), std::optional<double>(1200.0));
        QCOMPARE(t->tolerance(), 0.08);
        QCOMPARE(t->line()->pen().color(), model.colour(1));
        QVERIFY(model.colour(1) != model.colour(0));
        QVERIFY2(t->label()->text().startsWith(QStringLiteral("targeted: target 1.20 ms")),
                 qPrintable(t->label()->text()));
        QCOMPARE(comparison.series()[1].target, std::optional<double>(1200.0));
    }
};

QTEST_MAIN(RunComparisonTest)
#include "RunComparisonTest.moc"
