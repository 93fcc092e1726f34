// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/ProbabilityHeatmap.h"
#include "engine/cost/LatencyTable.h"
#include "tests/ui/plots/PlotTestData.h"

#include <QSignalSpy>
#include <QSlider>
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

using dnas::ui::ProbabilityHeatmap;

class ProbabilityHeatmapTest : public QObject {
    Q_OBJECT
    dnas::SearchSpace space_ = dnas::SearchSpace::load("fbnet");

    // Probability of op `name` in `layer` of `m`, NaN when the layer does not offer it.
    static double prob(const dnas::EpochMetrics& m, size_t layer, const QString& name) {
        const auto& l = m.layers[layer];
        for (size_t i = 0; i < l.ops.size(); ++i)
            if (QString::fromStdString(l.ops[i]) == name)
                return l.probs[i];
        return std::nan("");
    }
    static void compare(const ProbabilityHeatmap& h, const dnas::EpochMetrics& m) {
        const auto mat = h.currentMatrix();
        QCOMPARE(mat.size(), m.layers.size());
        const QStringList ops = h.opNames();
        for (size_t l = 0; l < mat.size(); ++l) {
            QCOMPARE(mat[l].size(), static_cast<size_t>(ops.size()));
            for (int c = 0; c < ops.size(); ++c) {
                const double want = prob(m, l, ops[c]);
                if (std::isnan(want))
                    QVERIFY(std::isnan(mat[l][static_cast<size_t>(c)]));
                else
                    QCOMPARE(mat[l][static_cast<size_t>(c)], want);
            }
        }
    }

  private slots:
    void cellsEqualTheProbabilitiesFedIn() {
        ProbabilityHeatmap h;
        h.setSpace(space_);
        QCOMPARE(h.opNames().size(), 9);
        QVERIFY(h.currentMatrix().empty());
        std::vector<dnas::EpochMetrics> epochs;
        for (int e = 0; e < 5; ++e) {
            epochs.push_back(dnas::test::makeEpoch(space_, e, 1));
            h.addEpoch(epochs.back());
        }
        QCOMPARE(h.epochCount(), 5);
        QCOMPARE(h.selectedEpoch(), 4); // follows the newest
        compare(h, epochs.back());
    }

    void sliderShowsAnOlderEpoch() {
        ProbabilityHeatmap h;
        h.setSpace(space_);
        std::vector<dnas::EpochMetrics> epochs;
        for (int e = 0; e < 4; ++e) {
            epochs.push_back(dnas::test::makeEpoch(space_, e, 2));
            h.addEpoch(epochs.back());
        }
        QSignalSpy spy(&h, &ProbabilityHeatmap::selectedEpochChanged);
        h.slider()->setValue(1);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(h.selectedEpoch(), 1);
        compare(h, epochs[1]);
        // While the user looks at an old epoch, a new one does not pull the view away.
        epochs.push_back(dnas::test::makeEpoch(space_, 4, 2));
        h.addEpoch(epochs.back());
        QCOMPARE(h.selectedEpoch(), 1);
        QCOMPARE(h.slider()->maximum(), 4);
        h.selectIndex(4);
        compare(h, epochs[4]);
    }

    void marksArgmaxAndEntropyPerLayer() {
        ProbabilityHeatmap h;
        h.setSpace(space_);
        const auto m = dnas::test::makeEpoch(space_, 3, 3);
        h.addEpoch(m);
        auto* argmax = h.plot()->graph(0);
        QCOMPARE(argmax->dataCount(), static_cast<int>(m.layers.size()));
        for (auto it = argmax->data()->constBegin(); it != argmax->data()->constEnd(); ++it) {
            const auto& l = m.layers[static_cast<size_t>(it->value)];
            const size_t best = static_cast<size_t>(
                std::max_element(l.probs.begin(), l.probs.end()) - l.probs.begin());
            QCOMPARE(h.opNames()[static_cast<int>(it->key)], QString::fromStdString(l.ops[best]));
        }
        auto* bars = qobject_cast<QCPBars*>(h.plot()->plottable(2));
        QVERIFY(bars);
        QCOMPARE(bars->dataCount(), static_cast<int>(m.layers.size()));
        QCOMPARE(bars->data()->at(0)->value, m.layers[0].entropy);
        // Drawn in viridis (the colour scale hands its gradient to the map).
        auto* map = qobject_cast<QCPColorMap*>(h.plot()->plottable(0));
        QVERIFY(map);
        QCPColorGradient g = map->gradient();
        QCOMPARE(QColor(g.color(1.0, QCPRange(0, 1))), QColor(253, 231, 37));
        QCOMPARE(map->dataRange(), QCPRange(0.0, 1.0));
    }

    void marksEachLayersDecisionAsItForms() {
        ProbabilityHeatmap h;
        h.setSpace(space_);
        dnas::EpochMetrics m = dnas::test::makeEpoch(space_, 0, 7);
        // Layer 0 all but decided on k5_e6, layer 1 undecided (uniform), the rest as drawn.
        auto setProbs = [&](size_t layer, const std::vector<double>& probs) {
            auto& l = m.layers[layer];
            l.probs = probs;
            l.entropy = 0.0;
            for (double p : probs)
                l.entropy -= p > 0 ? p * std::log(p) : 0.0;
        };
        const size_t k = m.layers[0].ops.size();
        std::vector<double> peaked(k, 0.01 / double(k - 1));
        const size_t k5e6 =
            static_cast<size_t>(std::find(m.layers[0].ops.begin(), m.layers[0].ops.end(), "k5_e6") -
                                m.layers[0].ops.begin());
        peaked[k5e6] = 0.99;
        setProbs(0, peaked);
        const size_t k1 = m.layers[1].ops.size();
        setProbs(1, std::vector<double>(k1, 1.0 / double(k1)));
        h.addEpoch(m);

        const int col = h.opNames().indexOf("k5_e6");
        QCOMPARE(h.argmaxColumns().size(), m.layers.size());
        QCOMPARE(h.argmaxColumns()[0], col);
        // The ring is drawn on that cell (the graph keeps its points in column order).
        auto* ring = h.plot()->graph(0);
        int onLayer0 = 0;
        for (auto it = ring->data()->constBegin(); it != ring->data()->constEnd(); ++it)
            if (it->value == 0.0) {
                ++onLayer0;
                QCOMPARE(it->key, double(col));
            }
        QCOMPARE(onLayer0, 1);
        // Decidedness 1 − H / ln K: near 1 when peaked, 0 when uniform, in [0, 1] everywhere.
        const auto& d = h.decidedness();
        QCOMPARE(d.size(), m.layers.size());
        QVERIFY2(d[0] > 0.9, qPrintable(QString::number(d[0])));
        QVERIFY2(std::abs(d[1]) < 1e-9, qPrintable(QString::number(d[1])));
        for (size_t l = 0; l < d.size(); ++l) {
            QVERIFY(d[l] >= 0.0 && d[l] <= 1.0);
            QCOMPARE(d[l], 1.0 - m.layers[l].entropy / std::log(double(m.layers[l].ops.size())));
        }
        // Shown beside the entropy bars and in the tooltip.
        const QString tip = h.tooltipText(0, col);
        QVERIFY2(tip.contains("current choice"), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("%1 % decided").arg(d[0] * 100.0, 0, 'f', 0)),
                 qPrintable(tip));
        QVERIFY(!h.tooltipText(0, (col + 1) % h.opNames().size()).contains("current choice"));
        QCPAxis* decided = h.plot()->axisRect(1)->axis(QCPAxis::atRight); // the entropy panel's
        auto ticker = decided->ticker().dynamicCast<QCPAxisTickerText>();
        QVERIFY(ticker);
        QCOMPARE(ticker->ticks().value(1.0), QStringLiteral("0 %"));
        QCOMPARE(ticker->ticks().size(), static_cast<int>(m.layers.size()));

        // The next epoch moves the decision: the marks follow it.
        dnas::EpochMetrics next = m;
        next.epoch = 1;
        std::swap(next.layers[0].probs[k5e6], next.layers[0].probs[(k5e6 + 1) % k]);
        h.addEpoch(next);
        QCOMPARE(h.argmaxColumns()[0],
                 h.opNames().indexOf(QString::fromStdString(next.layers[0].ops[(k5e6 + 1) % k])));
        h.selectIndex(0); // scrubbing back shows the earlier decision
        QCOMPARE(h.argmaxColumns()[0], col);
    }

    void layersWithFewerOpsLeaveEmptyCells() {
        dnas::SearchSpace s = space_;
        s.layers[0].candidates = {"k3_e1", "skip"};
        ProbabilityHeatmap h;
        h.setSpace(s);
        const auto m = dnas::test::makeEpoch(s, 0, 4);
        h.addEpoch(m);
        compare(h, m);
        QVERIFY(h.tooltipText(0, h.opNames().indexOf("k5_e6")).isEmpty());
    }

    void tooltipShowsProbabilityAndLutCost() {
        ProbabilityHeatmap h;
        h.setSpace(space_);
        dnas::LatencyTable lut;
        dnas::LutEntry e;
        e.sig = dnas::blockSignature(space_, 2, "k5_e6");
        e.latency_us = 123.375;
        lut.set(e);
        h.setLut(space_, &lut);
        const auto m = dnas::test::makeEpoch(space_, 0, 5);
        h.addEpoch(m);
        const int col = h.opNames().indexOf("k5_e6");
        const QString tip = h.tooltipText(2, col);
        QVERIFY2(tip.contains("layer 2") && tip.contains("k5_e6"), qPrintable(tip));
        QVERIFY2(tip.contains(QString::number(prob(m, 2, "k5_e6"), 'f', 4)), qPrintable(tip));
        QVERIFY2(tip.contains("123.4"), qPrintable(tip));
        // Layer 1 has another shape (stride 2), so another signature; layer 3 shares layer 2's.
        QVERIFY(h.tooltipText(1, col).contains("not in LUT"));
        QVERIFY(h.tooltipText(3, col).contains("123.4"));
    }

    void clearEmptiesTheHistory() {
        ProbabilityHeatmap h;
        h.addEpoch(dnas::test::makeEpoch(space_, 0, 6));
        QCOMPARE(h.opNames().size(), 9); // columns come from the data without a space
        h.clear();
        QCOMPARE(h.epochCount(), 0);
        QCOMPARE(h.selectedEpoch(), -1);
        QVERIFY(h.currentMatrix().empty());
    }
};

QTEST_MAIN(ProbabilityHeatmapTest)
#include "ProbabilityHeatmapTest.moc"
