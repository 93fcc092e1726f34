// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/ParetoPlot.h"
#include "tests/ui/plots/PlotTestData.h"
#include "ui/plots/CandidatesModel.h"
#include "ui/plots/CandidatesTable.h"
#include "ui/plots/TargetMarker.h"

#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QtTest>
#include <qcustomplot.h>

using dnas::ui::CandidatesModel;
using dnas::ui::CandidatesTable;
using dnas::ui::ParetoPlot;

class ParetoPlotTest : public QObject {
    Q_OBJECT
    dnas::SearchSpace space_ = dnas::SearchSpace::load("fbnet");

    static std::vector<dnas::SampledArchitecture>
    flatten(const std::vector<dnas::SampleSet>& sets) {
        std::vector<dnas::SampledArchitecture> all;
        for (const auto& s : sets)
            all.insert(all.end(), s.samples.begin(), s.samples.end());
        return all;
    }

  private slots:
    void frontEqualsParetoFrontOfAllPoints() {
        ParetoPlot plot;
        const auto sets = dnas::test::makeSamples(space_, 2000, 20, 11);
        for (const auto& s : sets)
            plot.addSamples(s);
        const auto all = flatten(sets);
        QCOMPARE(plot.model()->rowCount(), 2000);
        QCOMPARE(plot.frontIndices(), dnas::paretoFront(all));
        QVERIFY(plot.frontIndices().size() >= 2);
        for (size_t i : plot.frontIndices())
            QVERIFY(plot.model()->isOnFront(static_cast<int>(i)));
        // Every point is drawn exactly once (dominated + front graphs), and the line joins the
        // front.
        int drawn = 0;
        for (int g = 1; g < plot.plot()->graphCount() - 1; ++g)
            drawn += plot.plot()->graph(g)->dataCount();
        QCOMPARE(drawn, 2000);
        QCOMPARE(plot.plot()->graph(0)->dataCount(), static_cast<int>(plot.frontIndices().size()));
    }

    void plotAndTableShareOneSelection() {
        ParetoPlot plot;
        CandidatesTable table(plot.model());
        plot.setSelectionModel(table.selectionModel());
        QCOMPARE(plot.selectionModel(), table.selectionModel());
        const auto sets = dnas::test::makeSamples(space_, 200, 4, 12);
        for (const auto& s : sets)
            plot.addSamples(s);
        QSignalSpy spy(&plot, &ParetoPlot::architectureSelected);

        // Plot -> table.
        plot.selectRow(42);
        QCOMPARE(spy.count(), 1);
        const QString arch = QString::fromStdString(plot.model()->sample(42).arch);
        QCOMPARE(spy.takeFirst().at(0).toString(), arch);
        QCOMPARE(plot.selectedArchitecture(), arch);
        const QModelIndexList rows = table.selectionModel()->selectedRows();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(table.proxy()->mapToSource(rows.first()).row(), 42);

        // Table -> plot.
        const QModelIndex other = table.proxy()->mapFromSource(plot.model()->index(7, 0));
        table.selectionModel()->select(other, QItemSelectionModel::ClearAndSelect |
                                                  QItemSelectionModel::Rows);
        QCOMPARE(plot.selectedRow(), 7);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.takeFirst().at(0).toString(),
                 QString::fromStdString(plot.model()->sample(7).arch));

        // Selection survives new samples arriving (rows are appended, the proxy re-sorts).
        plot.addSamples(dnas::test::makeSamples(space_, 50, 1, 13)[0]);
        QCOMPARE(plot.selectedRow(), 7);
        QCOMPARE(table.proxy()->mapToSource(table.selectionModel()->selectedRows().first()).row(),
                 7);
    }

    void clickingAPointSelectsItsRow() {
        ParetoPlot plot;
        CandidatesTable table(plot.model());
        plot.setSelectionModel(table.selectionModel());
        plot.resize(800, 600);
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        const auto sets = dnas::test::makeSamples(space_, 30, 3, 14);
        for (const auto& s : sets)
            plot.addSamples(s);
        plot.plot()->replot(QCustomPlot::rpImmediateRefresh);
        const int target = static_cast<int>(plot.frontIndices().back());
        const auto& s = plot.model()->sample(target);
        const QPoint px(qRound(plot.plot()->xAxis->coordToPixel(s.cost)),
                        qRound(plot.plot()->yAxis->coordToPixel(s.accuracy * 100.0)));
        QCOMPARE(plot.rowAt(px), target);
        QVERIFY(plot.tooltipText(target).contains(QString::fromStdString(s.arch)));
        QSignalSpy spy(&plot, &ParetoPlot::architectureSelected);
        QTest::mouseClick(plot.plot(), Qt::LeftButton, {}, px);
        QCOMPARE(plot.selectedRow(), target);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(table.proxy()->mapToSource(table.selectionModel()->currentIndex()).row(), target);
        QCOMPARE(plot.rowAt(QPointF(-100, -100)), -1);
    }

    void clickingAFilteredPointClearsTheFilter() {
        ParetoPlot plot;
        CandidatesTable table(plot.model());
        plot.setSelectionModel(table.selectionModel());
        dnas::SampleSet set;
        for (const char* a : {"k3_e1-skip", "k5_e6-k5_e6", "k3_e3-k3_e3"}) {
            dnas::SampledArchitecture s;
            s.arch = a;
            s.cost = set.samples.size() + 1.0;
            s.accuracy = 0.5 + 0.1 * set.samples.size();
            set.samples.push_back(s);
        }
        plot.addSamples(set);
        table.setFilterText("skip");
        QCOMPARE(table.proxy()->rowCount(), 1);
        plot.selectRow(1);
        QCOMPARE(table.proxy()->rowCount(), 3);
        QCOMPARE(plot.selectedArchitecture(), QString("k5_e6-k5_e6"));
    }

    void theRetrainedNetIsAStarBesideTheOneShotPoints() {
        ParetoPlot p;
        const QString oneShot = p.plot()->yAxis->label();
        p.setRetrained(700.0, 0.81);
        QCOMPARE(p.retrainedMark()->dataCount(), 1);
        QCOMPARE(p.retrainedMark()->data()->at(0)->key, 700.0);
        QCOMPARE(p.retrainedMark()->data()->at(0)->value, 81.0);
        // Drawn above the target's label card, which sits where a retrained accuracy often lands.
        QVERIFY(p.retrainedMark()->layer()->index() > p.target().label()->layer()->index());
        QVERIFY(p.plot()->yAxis->label() != oneShot); // the axis says what the star is
        p.clear();
        QCOMPARE(p.retrainedMark()->dataCount(), 0);
        QCOMPARE(p.plot()->yAxis->label(), oneShot);
    }

    void theRetrainedStarStaysInView() {
        // A retrained net scores far above the supernet's one-shot estimates: the accuracy axis
        // must reach it, whether the star comes before the run's samples or after them.
        for (const bool starFirst : {true, false}) {
            ParetoPlot p;
            const auto sets = dnas::test::makeSamples(space_, 50, 2, 13);
            double top = 0.0;
            for (const auto& set : sets)
                for (const auto& a : set.samples)
                    top = std::max(top, a.accuracy);
            const double star = std::min(1.0, top + 0.2);
            if (starFirst)
                p.setRetrained(700.0, star);
            for (const auto& set : sets)
                p.addSamples(set);
            if (!starFirst)
                p.setRetrained(700.0, star);
            QVERIFY2(p.plot()->yAxis->range().contains(star * 100.0),
                     qPrintable(QStringLiteral("%1 outside %2..%3")
                                    .arg(star * 100.0)
                                    .arg(p.plot()->yAxis->range().lower)
                                    .arg(p.plot()->yAxis->range().upper)));
        }
    }

    void theTargetLabelLeavesTheStarInSight() {
        // A retrained net on target lands at the top of the band: the label must not cover it.
        ParetoPlot p;
        p.resize(800, 500);
        p.show();
        QVERIFY(QTest::qWaitForWindowExposed(&p));
        p.setTarget(700.0, 0.05);
        for (const auto& set : dnas::test::makeSamples(space_, 50, 2, 13))
            p.addSamples(set);
        p.setRetrained(700.0, 0.93);
        p.plot()->replot(QCustomPlot::rpImmediateRefresh);
        const QCustomPlot* plot = p.plot();
        const QPointF star(plot->xAxis->coordToPixel(700.0), plot->yAxis->coordToPixel(93.0));
        const QCPItemText* label = p.target().label();
        const QRectF card(label->topLeft->pixelPosition(), label->bottomRight->pixelPosition());
        QVERIFY(card.isValid());
        QVERIFY2(
            !card.adjusted(-6, -6, 6, 6).contains(star),
            qPrintable(
                QStringLiteral("star (%1, %2) under the label card").arg(star.x()).arg(star.y())));
    }

    void clearDropsPointsAndSelection() {
        ParetoPlot plot;
        for (const auto& s : dnas::test::makeSamples(space_, 100, 2, 15))
            plot.addSamples(s);
        plot.selectRow(3);
        plot.clear();
        QCOMPARE(plot.model()->rowCount(), 0);
        QCOMPARE(plot.selectedRow(), -1);
        QVERIFY(plot.frontIndices().empty());
        QVERIFY(plot.selectedArchitecture().isEmpty());
    }

    void targetIsAVerticalLineOnTheCostAxis() {
        ParetoPlot plot;
        plot.setCostUnit(QStringLiteral("us"));
        for (const auto& s : dnas::test::makeSamples(space_, 300, 3, 16))
            plot.addSamples(s);
        const int graphs = plot.plot()->graphCount();
        QVERIFY(!plot.target().isVisible());

        // Cheaper than every sample (10000..40000 µs): the cost axis widens to show it.
        plot.setTarget(5000.0, 0.1);
        const dnas::ui::TargetMarker& t = plot.target();
        QVERIFY(t.line()->visible() && t.band()->visible() && t.label()->visible());
        QCOMPARE(t.line()->point1->coords().x(), 5000.0);
        QCOMPARE(t.line()->point2->coords().x(), 5000.0);
        QVERIFY(t.line()->point1->coords().y() != t.line()->point2->coords().y());
        QCOMPARE(t.line()->point1->keyAxis(), plot.plot()->xAxis); // cost is the x axis
        QCOMPARE(t.line()->pen().style(), Qt::DashLine);
        QCOMPARE(t.band()->topLeft->coords().x(), 4500.0);
        QCOMPARE(t.band()->bottomRight->coords().x(), 5500.0);
        QVERIFY2(t.label()->text().contains(QStringLiteral("10 %")), qPrintable(t.label()->text()));
        QVERIFY(plot.plot()->xAxis->range().lower < 4500.0);
        QCOMPARE(plot.plot()->graphCount(), graphs); // items, not graphs: the point count holds

        plot.setTarget(std::nullopt, 0.1);
        QVERIFY(!t.line()->visible() && !t.band()->visible() && !t.label()->visible());
        QVERIFY(plot.plot()->xAxis->range().lower > 5500.0); // the axes follow the points alone
    }
};

QTEST_MAIN(ParetoPlotTest)
#include "ParetoPlotTest.moc"
