// SPDX-License-Identifier: GPL-3.0-or-later
#include "PlotTestData.h"
#include "cost/LatencyTable.h"
#include "plots/ProbabilityHeatmap.h"

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
            if (QString::fromStdString(l.ops[i]) == name) return l.probs[i];
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
