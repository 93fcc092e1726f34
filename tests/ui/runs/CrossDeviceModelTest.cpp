// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/runs/CrossDeviceModel.h"

#include "engine/cost/ModelCounter.h"
#include "tests/ui/runs/RunFolderFixture.h"
#include "ui/runs/CrossDeviceTable.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QFont>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace dnas;
using namespace dnas::ui;
using M = CrossDeviceModel;

namespace {
RunRecord recordFor(const std::string& dir) {
    return RunRecord::read(dir);
}

// What `dnas cost SPACE --arch ARCH --lut LUT --json` prints.
QJsonObject dnasCost(const QString& space, const QString& arch, const QString& lut) {
    QProcess p;
    p.start(QStringLiteral(DNAS_CLI_PATH),
            {QStringLiteral("cost"), space, QStringLiteral("--arch"), arch, QStringLiteral("--lut"),
             lut, QStringLiteral("--json")});
    if (!p.waitForFinished(30000) || p.exitCode() != 0)
        return {};
    return QJsonDocument::fromJson(p.readAllStandardOutput()).object();
}
} // namespace

class CrossDeviceModelTest : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    std::vector<RunRecord> runs_;

  private slots:
    void initTestCase() {
        QVERIFY(tmp_.isValid());
        // No machine LUT: the columns are the built-in tables only, whatever this host cached.
        qputenv("DNAS_CACHE_DIR", QDir(tmp_.path()).filePath(QStringLiteral("cache")).toUtf8());
        const Study study = testsupport::cifarStudy(2);
        const auto a = testsupport::writeRun(tmp_.path().toStdString(), "pixel3", study, 1);
        const auto b = testsupport::writeRun(tmp_.path().toStdString(), "eyeriss", study, 2);
        testsupport::writeTrain(b.dir, 0.61);
        runs_ = {recordFor(a.dir), recordFor(b.dir)};
        QVERIFY(runs_[0].found->arch != runs_[1].found->arch);
    }

    void cellsAreTheEngineCostOfEachNetOnEachLut() {
        M m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.setRuns(runs_);
        QCOMPARE(m.rowCount(), 2);
        // Every CIFAR table has the space's shapes; the ImageNet ones do not.
        QStringList latencyLuts;
        for (const auto& c : m.deviceColumns())
            if (c.metric == M::Metric::Latency)
                latencyLuts << m.devices()[static_cast<size_t>(c.device)].name;
        QCOMPARE(latencyLuts.size(), 5);
        for (const QString& lut : latencyLuts)
            QVERIFY2(lut.endsWith(QStringLiteral("-cifar100")), qPrintable(lut));
        for (int row = 0; row < 2; ++row) {
            const RunRecord& r = runs_[static_cast<size_t>(row)];
            const Architecture arch = Architecture::resolve(r.found->arch, r.study.space);
            const SearchSpace space = arch.applyTo(r.study.space);
            const OpCount count = ModelCounter::count(space, arch).total();
            QCOMPARE(*m.value(row, M::Macs), static_cast<double>(count.macs));
            QCOMPARE(*m.value(row, M::Params), static_cast<double>(count.params));
            QCOMPARE(*m.value(row, M::OneShot), r.found->accuracy);
            for (size_t c = 0; c < m.deviceColumns().size(); ++c) {
                const auto& dc = m.deviceColumns()[c];
                // As `dnas cost`: the space's calibration when the LUT carries one.
                const LatencyTable lut =
                    m.devices()[static_cast<size_t>(dc.device)].lut.calibratedFor(space);
                const double expected =
                    lut.archCost(space, arch,
                                 dc.metric == M::Metric::Latency ? CostMetric::Latency
                                                                 : CostMetric::Energy) /
                    1000.0;
                QCOMPARE(*m.value(row, M::kFixedColumns + static_cast<int>(c)), expected);
            }
        }
        QVERIFY(!m.value(0, M::Retrained));
        QCOMPARE(*m.value(1, M::Retrained), 0.61);
    }

    void aPickedNetIsTheLastRow() {
        M m;
        m.setRuns(runs_);
        const SearchSpace space = SearchSpace::load("fbnet-cifar");
        const QString arch =
            QString::fromStdString(Architecture::uniform(space, "k3_e1").toString());
        m.setPicked(arch, space, QStringLiteral("fbnet-cifar"));
        QCOMPARE(m.rowCount(), 3);
        QCOMPARE(m.data(m.index(2, M::Run)).toString(), QStringLiteral("picked"));
        QCOMPARE(m.rowArchitecture(2), arch);
        QVERIFY(!m.value(2, M::OneShot));
        const auto& dc = m.deviceColumns().front();
        const LatencyTable lut =
            m.devices()[static_cast<size_t>(dc.device)].lut.calibratedFor(space);
        const Architecture a = Architecture::resolve(arch.toStdString(), space);
        QCOMPARE(*m.value(2, M::kFixedColumns),
                 lut.archCost(a.applyTo(space), a, CostMetric::Latency) / 1000.0);
        m.setPicked({}, space, {});
        QCOMPARE(m.rowCount(), 2);
    }

    void cellsEqualWhatDnasCostPrints() {
        M m;
        m.setRuns(runs_);
        const int column = M::kFixedColumns; // the first device's latency
        const auto& dc = m.deviceColumns().front();
        const QString lut = m.devices()[static_cast<size_t>(dc.device)].name;
        for (int row = 0; row < 2; ++row) {
            const QJsonObject cost =
                dnasCost(QStringLiteral("fbnet-cifar"), m.rowArchitecture(row), lut);
            QVERIFY2(!cost.isEmpty(), "dnas cost failed");
            QCOMPARE(*m.value(row, column), cost.value(QStringLiteral("latency_ms")).toDouble());
            QCOMPARE(*m.value(row, M::Macs), cost.value(QStringLiteral("macs")).toDouble());
            QCOMPARE(*m.value(row, M::Params), cost.value(QStringLiteral("params")).toDouble());
        }
    }

    void theBestOfEachColumnIsBoldAndExported() {
        M m;
        m.setRuns(runs_);
        for (int col = M::Macs; col < m.columnCount(); ++col) {
            const auto a = m.value(0, col), b = m.value(1, col);
            if (!a || !b || *a == *b)
                continue;
            const bool lower = col != M::OneShot && col != M::Retrained;
            const int best = (lower ? *a < *b : *a > *b) ? 0 : 1;
            QVERIFY(m.data(m.index(best, col), Qt::FontRole).value<QFont>().bold());
            QVERIFY(!m.data(m.index(1 - best, col), Qt::FontRole).isValid());
        }
        const QStringList md = m.markdown().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(md.size(), 4); // header, rule, two nets
        QVERIFY(md[0].contains(QStringLiteral("hw-nas-bench/pixel3-cifar100 latency (ms)")));
        QVERIFY((md[2] + md[3]).contains(QStringLiteral("**")));

        CrossDeviceTable table;
        table.setRuns(runs_);
        const QString path = QDir(tmp_.path()).filePath(QStringLiteral("x.csv"));
        QVERIFY(table.exportCsv(path));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QStringList lines =
            QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        const QStringList cells = lines[1].split(QLatin1Char(','));
        QCOMPARE(cells.size(), m.columnCount());
        const double v = *m.value(0, M::kFixedColumns);
        QVERIFY(qAbs(cells[M::kFixedColumns].toDouble() - v) <= 1e-9 * qAbs(v));
        table.copyMarkdown();
        QCOMPARE(QApplication::clipboard()->text(), m.markdown());
    }
};

QTEST_MAIN(CrossDeviceModelTest)
#include "CrossDeviceModelTest.moc"
