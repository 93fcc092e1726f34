// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/space/SpaceTableModel.h"
#include "engine/cost/LatencyTable.h"
#include "engine/cost/ModelCounter.h"
#include "engine/search/Study.h"
#include "engine/space/Architecture.h"
#include "ui/space/SpaceSummaryWidget.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QtTest>
#include <limits>

using namespace dnas;
using namespace dnas::ui;

namespace {
double raw(const SpaceTableModel& m, int row, int column) {
    return m.data(m.index(row, column), SpaceTableModel::RawValueRole).toDouble();
}

// The architecture taking, in every layer, the candidate with the fewest (or most) MACs.
Architecture extremeArch(const SearchSpace& space, bool most) {
    Architecture a;
    const auto shapes = space.layerShapes();
    for (size_t i = 0; i < space.layers.size(); ++i) {
        std::string best;
        double bestMacs = most ? -1 : std::numeric_limits<double>::max();
        for (const auto& op : space.layers[i].candidates) {
            const double macs =
                double(ModelCounter::block(space.op(op), shapes[i], space.always_pw).macs);
            if (most ? macs > bestMacs : macs < bestMacs)
                bestMacs = macs, best = op;
        }
        a.ops.push_back(best);
    }
    return a;
}
} // namespace

class SpaceTableModelTest : public QObject {
    Q_OBJECT
  private slots:
    void modelPassesTheTester() {
        SpaceTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setAnalysis(SpaceAnalysis::of(SearchSpace::load("fbnet-fmnist"), nullptr));
        model.setAnalysis(SpaceAnalysis::of(SearchSpace::load("fbnet"), nullptr));
        model.setAnalysis(SpaceAnalysis{});
        QCOMPARE(model.rowCount(), 0);
    }

    void rowsAreStemLayersHead() {
        const SearchSpace space = SearchSpace::load("fbnet-fmnist");
        SpaceTableModel model;
        model.setAnalysis(SpaceAnalysis::of(space, nullptr));
        QCOMPARE(model.rowCount(), int(space.layers.size()) + 2);
        QCOMPARE(model.columnCount(), int(SpaceTableModel::ColumnCount));
        QCOMPARE(model.data(model.index(0, SpaceTableModel::Stage)).toString(),
                 QStringLiteral("stem"));
        QCOMPARE(model.data(model.index(model.rowCount() - 1, SpaceTableModel::Stage)).toString(),
                 QStringLiteral("head"));
        const auto shapes = space.layerShapes();
        const auto& s = shapes[1];
        QCOMPARE(model.data(model.index(2, SpaceTableModel::Input)).toString(),
                 QStringLiteral("%1×%2×%3").arg(s.c_in).arg(s.h).arg(s.w));
        QCOMPARE(model.data(model.index(2, SpaceTableModel::COut)).toInt(), space.layers[1].c_out);
        QCOMPARE(model.data(model.index(2, SpaceTableModel::Stride)).toInt(),
                 space.layers[1].stride);
        QVERIFY(
            model.data(model.index(2, SpaceTableModel::Candidates)).toString().contains("k5_e6"));
    }

    void macsEqualModelCounter() {
        const SearchSpace space = SearchSpace::load("fbnet-fmnist");
        SpaceTableModel model;
        model.setAnalysis(SpaceAnalysis::of(space, nullptr));
        const auto shapes = space.layerShapes();
        for (size_t i = 0; i < space.layers.size(); ++i) {
            double lo = std::numeric_limits<double>::max(), hi = 0;
            for (const auto& op : space.layers[i].candidates) {
                const double m =
                    double(ModelCounter::block(space.op(op), shapes[i], space.always_pw).macs);
                lo = std::min(lo, m);
                hi = std::max(hi, m);
            }
            QCOMPARE(raw(model, int(i) + 1, SpaceTableModel::MinMacs), lo);
            QCOMPARE(raw(model, int(i) + 1, SpaceTableModel::MaxMacs), hi);
        }
        const Architecture small = extremeArch(space, false), big = extremeArch(space, true);
        const NetCount smallCount = ModelCounter::count(space, small);
        QCOMPARE(raw(model, 0, SpaceTableModel::MinMacs), double(smallCount.stem.macs));
        QCOMPARE(raw(model, model.rowCount() - 1, SpaceTableModel::MaxMacs),
                 double(smallCount.head.macs + smallCount.fc.macs));
        const SpaceAnalysis& a = model.analysis();
        QCOMPARE(a.minMacs, double(smallCount.total().macs));
        QCOMPARE(a.maxMacs, double(ModelCounter::count(space, big).total().macs));
        QCOMPARE(a.architectures, space.numArchitectures());
        // The cheapest architecture itself, as the summary shows it.
        QCOMPARE(a.argminMacs, small.ops);
        SpaceSummaryWidget summary;
        summary.setAnalysis(a, QStringLiteral("fbnet-fmnist"));
        QCOMPARE(summary.argminMacsText(), QString::fromStdString(small.toString()));
    }

    void supernetParamsCountEveryCandidate() {
        const SearchSpace space = SearchSpace::load("fbnet-fmnist");
        const auto shapes = space.layerShapes();
        const NetCount fixed = ModelCounter::count(space, extremeArch(space, false));
        double params = double(fixed.stem.params + fixed.head.params + fixed.fc.params);
        for (size_t i = 0; i < space.layers.size(); ++i)
            for (const auto& op : space.layers[i].candidates)
                params +=
                    double(ModelCounter::block(space.op(op), shapes[i], space.always_pw).params);
        QCOMPARE(SpaceAnalysis::of(space, nullptr).supernetParams, params);
    }

    void latencyComesFromTheLut() {
        const SearchSpace space = SearchSpace::load("fbnet-cifar");
        const LatencyTable lut = LatencyTable::load("hw-nas-bench/pixel3-cifar100");
        SpaceTableModel model;
        model.setAnalysis(SpaceAnalysis::of(space, &lut));
        const auto shapes = space.layerShapes();
        for (size_t i = 0; i < space.layers.size(); ++i) {
            std::optional<double> lo, hi;
            for (const auto& op : space.layers[i].candidates)
                if (const LutEntry* e = lut.find(blockSignature(space, i, op))) {
                    lo = std::min(lo.value_or(e->latency_us), e->latency_us);
                    hi = std::max(hi.value_or(e->latency_us), e->latency_us);
                }
            QCOMPARE(model
                         .data(model.index(int(i) + 1, SpaceTableModel::MinLatency),
                               SpaceTableModel::RawValueRole)
                         .isValid(),
                     lo.has_value());
            if (lo)
                QCOMPARE(raw(model, int(i) + 1, SpaceTableModel::MinLatency), *lo);
            if (hi)
                QCOMPARE(raw(model, int(i) + 1, SpaceTableModel::MaxLatency), *hi);
        }
        const SpaceAnalysis& a = model.analysis();
        QCOMPARE(int(a.missing.size()), int(lut.missing(space).size()));
        if (a.missing.empty()) {
            QVERIFY(a.minLatency.has_value());
            QVERIFY(*a.minLatency <= *a.maxLatency);
            const double argminCost =
                lut.archCost(space, extremeArch(space, false), CostMetric::Latency);
            QVERIFY(*a.minLatency <= argminCost + 1e-9);
            Architecture fastest;
            fastest.ops = a.argminLatency;
            QCOMPARE(fastest.ops.size(), space.layers.size());
            QVERIFY(qAbs(lut.archCost(space, fastest, CostMetric::Latency) - *a.minLatency) < 1e-6);
        }
    }

    void unmeasuredAutoLutIsNotAnError() {
        QTemporaryDir cache;
        qputenv("DNAS_CACHE_DIR", cache.path().toLocal8Bit());
        Study study = Study::defaultStudy();
        study.cost.lut = "auto";
        const SpaceAnalysis a = SpaceAnalysis::ofStudy(study);
        QCOMPARE(QString::fromStdString(a.lutStatus),
                 QStringLiteral("latency: not measured on this machine yet"));
        QVERIFY(!a.minLatency);
        SpaceSummaryWidget summary;
        summary.setAnalysis(a, QStringLiteral("fbnet-fmnist"));
        QCOMPARE(summary.latencyText(),
                 QStringLiteral("latency: not measured on this machine yet"));
    }

    void architectureCountIsFormatted() {
        const SearchSpace space = SearchSpace::load("fbnet");
        SpaceSummaryWidget summary;
        summary.setAnalysis(SpaceAnalysis::of(space, nullptr), QStringLiteral("fbnet"));
        QCOMPARE(summary.architecturesText(), QStringLiteral("9^22 ≈ 9.8e20"));
    }
};

QTEST_MAIN(SpaceTableModelTest)
#include "SpaceTableModelTest.moc"
