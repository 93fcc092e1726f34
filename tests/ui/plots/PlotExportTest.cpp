// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/PlotExport.h"
#include "engine/space/Architecture.h"
#include "tests/ui/plots/PlotTestData.h"
#include "ui/plots/ArchitectureInspector.h"
#include "ui/plots/CurvesPlot.h"
#include "ui/plots/ParetoPlot.h"
#include "ui/plots/ProbabilityHeatmap.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace dnas::ui;

class PlotExportTest : public QObject {
    Q_OBJECT
    dnas::SearchSpace space_ = dnas::SearchSpace::load("fbnet");
    QTemporaryDir dir_;

    // Lines of a written CSV file, header included.
    static QStringList lines(const QString& path) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
            return {};
        return QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
    }

  private slots:
    void csvQuotesCellsThatNeedIt() {
        CsvTable t;
        t.header = {"a", "b"};
        t.addRow({"x,y", "say \"hi\""});
        t.addRow({CsvTable::number(0.1), CsvTable::number(std::nan(""))});
        QCOMPARE(t.toText(), QString("a,b\n\"x,y\",\"say \"\"hi\"\"\"\n0.10000000000000001,\n"));
    }

    void heatmapCsvHasOneRowPerEpochLayerOp() {
        ProbabilityHeatmap h;
        h.setSpace(space_);
        for (int e = 0; e < 3; ++e)
            h.addEpoch(dnas::test::makeEpoch(space_, e, 1));
        const QString path = dir_.filePath("heatmap.csv");
        QVERIFY(PlotExport::saveCsv([&] { return h.csv(); }, path));
        QCOMPARE(lines(path).size(), 1 + 3 * 22 * 9);
    }

    void curvesCsvHasOneRowPerStepAndEpoch() {
        CurvesPlot c;
        for (int e = 0; e < 4; ++e) {
            c.addSteps(dnas::test::makeSteps(e, 10));
            c.addEpoch(dnas::test::makeEpoch(space_, e, 1));
        }
        const QString path = dir_.filePath("curves.csv");
        QVERIFY(PlotExport::saveCsv([&] { return c.csv(); }, path));
        const QStringList l = lines(path);
        QCOMPARE(l.size(), 1 + 4 * 20 + 4);
        // Ordered along the epoch axis: epoch 0's summary follows its 20 steps.
        QVERIFY(l[21].startsWith("1,0,,"));
    }

    void paretoCsvHasOneRowPerPoint() {
        ParetoPlot p;
        for (const auto& s : dnas::test::makeSamples(space_, 321, 5, 2))
            p.addSamples(s);
        const QString path = dir_.filePath("pareto.csv");
        QVERIFY(PlotExport::saveCsv([&] { return p.csv(); }, path));
        const QStringList l = lines(path);
        QCOMPARE(l.size(), 1 + 321);
        int onFront = 0;
        for (int i = 1; i < l.size(); ++i)
            onFront += l[i].endsWith(",1");
        QCOMPARE(onFront, static_cast<int>(p.frontIndices().size()));
    }

    void inspectorCsvHasLayersFixedPartsAndTotal() {
        ArchitectureInspector insp;
        insp.setSpace(space_);
        QVERIFY(insp.setArchitecture(*dnas::Architecture::reference("fbnet-c")));
        const QString path = dir_.filePath("arch.csv");
        QVERIFY(PlotExport::saveCsv([&] { return insp.csv(); }, path));
        QCOMPARE(lines(path).size(), 1 + 22 + 4 + 1);
    }

    void savesPngAndPdf() {
        ParetoPlot p;
        for (const auto& s : dnas::test::makeSamples(space_, 200, 5, 3))
            p.addSamples(s);
        for (const QString name : {"pareto.png", "pareto.pdf"}) {
            const QString path = dir_.filePath(name);
            QString err;
            QVERIFY2(PlotExport::saveImage(p.plot(), path, &err), qPrintable(err));
            QVERIFY(QFile(path).size() > 1000);
        }
        QFile png(dir_.filePath("pareto.png"));
        QVERIFY(png.open(QIODevice::ReadOnly));
        QCOMPARE(png.read(4), QByteArray("\x89PNG"));
        QFile pdf(dir_.filePath("pareto.pdf"));
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QCOMPARE(pdf.read(4), QByteArray("%PDF"));
    }
};

QTEST_MAIN(PlotExportTest)
#include "PlotExportTest.moc"
