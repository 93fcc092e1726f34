// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/CurvesPlot.h"
#include "tests/ui/plots/PlotTestData.h"
#include "ui/plots/TargetMarker.h"

#include <QtTest>
#include <array>
#include <optional>
#include <qcustomplot.h>

using dnas::ui::CurvesPlot;
using dnas::ui::TargetMarker;
using S = CurvesPlot::Series;
using C = CurvesPlot::OverlayCurve;

class CurvesPlotTest : public QObject {
    Q_OBJECT
    dnas::SearchSpace space_ = dnas::SearchSpace::load("fbnet");

  private slots:
    void receivesStepsAndEpochs() {
        CurvesPlot c;
        for (int e = 0; e < 3; ++e) {
            c.addSteps(dnas::test::makeSteps(e, 20));
            c.addEpoch(dnas::test::makeEpoch(space_, e, 1));
        }
        for (S s : {S::StepLoss, S::StepAccuracy, S::StepCost}) {
            QCOMPARE(c.pointCount(s), 120);
            QCOMPARE(c.rawGraph(s)->dataCount(), 120);
        }
        for (S s : {S::TrainLoss, S::ValLoss, S::TrainAccuracy, S::ValAccuracy, S::EpochCost,
                    S::Temperature, S::ImagesPerS}) {
            QCOMPARE(c.pointCount(s), 3);
            QVERIFY(c.rawGraph(s) == nullptr);
        }
        const auto m = dnas::test::makeEpoch(space_, 2, 1);
        QCOMPARE(c.graph(S::Temperature)->data()->at(2)->value, m.temperature);
        QCOMPARE(c.graph(S::Temperature)->data()->at(2)->key, 3.0); // end of epoch 2
        QCOMPARE(c.graph(S::ValAccuracy)->data()->at(2)->value, m.val_accuracy * 100.0);
        // The epoch axis covers all the data.
        QVERIFY(c.graph(S::StepLoss)->keyAxis()->range().upper >= 3.0);
    }

    // The finalists' fine-tunes after the last epoch are not points of the search's curves.
    void finalistStepsAreNotPlotted() {
        CurvesPlot c;
        auto steps = dnas::test::makeSteps(0, 5);
        dnas::StepMetrics finalist = steps.back();
        finalist.phase = dnas::StepPhase::Finalists;
        finalist.accuracy = 0.99;
        steps.push_back(finalist);
        c.addSteps(steps);
        c.addSteps({finalist});
        QCOMPARE(c.pointCount(S::StepAccuracy), 10);
        QCOMPARE(c.rawGraph(S::StepAccuracy)->dataCount(), 10);
    }

    void smoothingKeepsRawValues() {
        CurvesPlot c;
        const auto steps = dnas::test::makeSteps(0, 50);
        c.setSmoothing(0.0);
        c.addSteps(steps);
        for (int i = 0; i < 100; ++i)
            QCOMPARE(c.graph(S::StepLoss)->data()->at(i)->value,
                     steps[static_cast<size_t>(i)].loss);
        c.setSmoothing(0.9);
        QCOMPARE(c.smoothing(), 0.9);
        QCOMPARE(c.pointCount(S::StepLoss), 100);
        double ema = steps[0].loss;
        for (size_t i = 1; i < steps.size(); ++i)
            ema = 0.9 * ema + 0.1 * steps[i].loss;
        QVERIFY(qAbs(c.graph(S::StepLoss)->data()->at(99)->value - ema) < 1e-12);
        QCOMPARE(c.rawGraph(S::StepLoss)->data()->at(99)->value, steps.back().loss);
        // Appending continues the same EMA.
        const auto more = dnas::test::makeSteps(1, 1);
        c.addSteps(more);
        ema = 0.9 * ema + 0.1 * more[0].loss;
        QVERIFY(qAbs(c.graph(S::StepLoss)->data()->at(100)->value - ema) < 1e-12);
    }

    void togglesSeries() {
        CurvesPlot c;
        c.addSteps(dnas::test::makeSteps(0, 5));
        QVERIFY(c.isSeriesVisible(S::StepLoss));
        c.setSeriesVisible(S::StepLoss, false);
        QVERIFY(!c.isSeriesVisible(S::StepLoss));
        QVERIFY(!c.rawGraph(S::StepLoss)->visible()); // raw goes with its smoothed line
        c.setSeriesVisible(S::StepLoss, true);
        QVERIFY(c.rawGraph(S::StepLoss)->visible());
    }

    void clearEmptiesEveryGraph() {
        CurvesPlot c;
        c.addSteps(dnas::test::makeSteps(0, 5));
        c.addEpoch(dnas::test::makeEpoch(space_, 0, 1));
        c.setTarget(25000.0, 0.05);
        c.clear();
        for (int s = 0; s < CurvesPlot::kSeriesCount; ++s)
            QCOMPARE(c.pointCount(static_cast<S>(s)), 0);
        QCOMPARE(c.csv().rows.size(), 0);
        QVERIFY(c.target().isVisible()); // the target is the study's, not the run's data
    }

    void targetIsAHorizontalLineOverTheExpectedCost() {
        CurvesPlot c;
        c.setCostUnit(QStringLiteral("us"));
        c.addEpoch(dnas::test::makeEpoch(space_, 0, 1)); // expected cost 30000 µs
        c.addEpoch(dnas::test::makeEpoch(space_, 1, 1)); // 29950 µs
        QVERIFY(!c.target().isVisible());
        QVERIFY(!c.target().line()->visible());

        c.setTarget(900.0, 0.05);
        const TargetMarker& t = c.target();
        QVERIFY(t.line()->visible() && t.band()->visible() && t.label()->visible());
        // Horizontal: both points at the target on the cost axis, on the cost panel's axes.
        QCOMPARE(t.line()->point1->coords().y(), 900.0);
        QCOMPARE(t.line()->point2->coords().y(), 900.0);
        QVERIFY(t.line()->point1->coords().x() != t.line()->point2->coords().x());
        QCOMPARE(t.line()->point1->valueAxis(), c.graph(S::EpochCost)->valueAxis());
        QCOMPARE(t.line()->pen().style(), Qt::DashLine);
        QCOMPARE(t.line()->point1->valueAxis()->label(), QStringLiteral("expected cost (µs)"));
        QCOMPARE(t.band()->topLeft->coords().y(), 900.0 * 1.05);
        QCOMPARE(t.band()->bottomRight->coords().y(), 900.0 * 0.95);
        QVERIFY2(t.label()->text().contains(QStringLiteral("900 µs")),
                 qPrintable(t.label()->text()));
        QVERIFY2(t.label()->text().contains(QStringLiteral("5 %")), qPrintable(t.label()->text()));
        // Far below the curve, the band still comes into view.
        const QCPRange y = c.graph(S::EpochCost)->valueAxis()->range();
        QVERIFY(y.lower < 900.0 * 0.95 && y.upper > 30000.0);

        c.setTarget(std::nullopt, 0.05);
        QVERIFY(!t.isVisible());
        QVERIFY(!t.line()->visible() && !t.band()->visible() && !t.label()->visible());
        QVERIFY(c.graph(S::EpochCost)->valueAxis()->range().lower > 900.0); // it left the view
    }

    // Overlaid runs each draw their own target in their colour, named; a run without one draws
    // none, and the own run's target steps aside until the overlays go.
    void overlaidRunsDrawTheirTargetsInTheirColours() {
        CurvesPlot c;
        c.setCostUnit(QStringLiteral("us"));
        c.setTarget(5000.0, 0.05);
        auto run = [&](const QString& name, QColor colour, std::optional<double> target) {
            dnas::ui::RunSeries r;
            r.name = name;
            r.colour = colour;
            r.costUnit = QStringLiteral("us");
            r.epochs = {dnas::test::makeEpoch(space_, 0, 1), dnas::test::makeEpoch(space_, 1, 1)};
            r.target = target;
            r.targetTolerance = 0.1;
            return r;
        };
        const QColor blue(0, 114, 178), green(0, 158, 115), orange(230, 159, 0);
        c.setOverlays({run(QStringLiteral("fast"), blue, 900.0),
                       run(QStringLiteral("free"), green, std::nullopt),
                       run(QStringLiteral("slow"), orange, 40000.0)});
        QVERIFY(!c.target().isVisible());
        QVERIFY(!c.target().line()->visible());
        QVERIFY(c.overlayTarget(1) == nullptr);
        const std::array<std::pair<int, double>, 2> withTarget{{{0, 900.0}, {2, 40000.0}}};
        for (const auto& [i, cost] : withTarget) {
            const TargetMarker* t = c.overlayTarget(i);
            QVERIFY(t);
            QVERIFY(t->line()->visible() && t->band()->visible() && t->label()->visible());
            QCOMPARE(t->line()->point1->coords().y(), cost);
            QCOMPARE(t->line()->point1->valueAxis(), c.graph(S::EpochCost)->valueAxis());
            QCOMPARE(t->line()->pen().color(), c.overlayGraph(i, C::EpochCost)->pen().color());
            QCOMPARE(t->line()->pen().style(), Qt::DashLine);
            QCOMPARE(t->band()->topLeft->coords().y(), cost * 1.1);
            QVERIFY2(t->label()->text().startsWith(c.overlayGraph(i, C::EpochCost)->name() +
                                                   QStringLiteral(": target ")),
                     qPrintable(t->label()->text()));
        }
        QCOMPARE(c.overlayTarget(0)->line()->pen().color(), blue);
        QCOMPARE(c.overlayTarget(2)->line()->pen().color(), orange);
        QVERIFY2(c.overlayTarget(0)->label()->text().contains(QStringLiteral("900 µs ± 10 %")),
                 qPrintable(c.overlayTarget(0)->label()->text()));
        // Exactly two dashed lines are drawn: the two runs' targets, not the own run's.
        QCOMPARE(visibleLines(c), 2);
        // Both bands stay in view, the one under the curves and the one above them.
        const QCPRange y = c.graph(S::EpochCost)->valueAxis()->range();
        QVERIFY(y.lower < 900.0 * 0.9 && y.upper > 40000.0 * 1.1);

        // Ticked again without the targeted runs: their lines leave the plot.
        c.setOverlays({run(QStringLiteral("free"), green, std::nullopt)});
        QVERIFY(c.overlayTarget(0) == nullptr);
        QCOMPARE(visibleLines(c), 0);
        c.setOverlays({});
        QVERIFY(c.target().isVisible());
        QCOMPARE(c.target().cost(), std::optional<double>(5000.0));
        QCOMPARE(visibleLines(c), 1);
    }

  private:
    static int visibleLines(const CurvesPlot& c) {
        int n = 0;
        for (int i = 0; i < c.plot()->itemCount(); ++i)
            if (auto* line = qobject_cast<QCPItemStraightLine*>(c.plot()->item(i)))
                n += line->visible() ? 1 : 0;
        return n;
    }
};

QTEST_MAIN(CurvesPlotTest)
#include "CurvesPlotTest.moc"
