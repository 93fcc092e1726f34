// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/ui/lut/LutTestSupport.h"
#include "ui/lut/LutClipboard.h"
#include "ui/lut/LutHeatScale.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QTemporaryDir>
#include <QtTest>
#include <set>

using namespace dnas;
using namespace dnas::ui;
using testsupport::LutFixture;

namespace {
const QString kPixel3 = QString::fromLatin1(testsupport::kPixel3Lut);
const QString kRaspi4 = QString::fromLatin1(testsupport::kRaspi4Lut);

QColor background(const LutTableModel& m, int row, int column) {
    return m.data(m.index(row, column), Qt::BackgroundRole).value<QBrush>().color();
}
} // namespace

class LutTableModelTest : public QObject {
    Q_OBJECT
    QTemporaryDir cache_;

  private slots:
    void initTestCase() {
        QVERIFY(cache_.isValid());
        testsupport::usePrivateLutCache(cache_);
    }

    void modelPassesTheTester() {
        QUndoStack undo;
        LutDocument doc(&undo);
        LutTableModel model(&doc);
        LutOperations ops(&doc, &model, nullptr);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        doc.setSpace(testsupport::tinySpace());
        doc.load(kPixel3); // other shapes: every cell missing
        doc.setSpace(SearchSpace::load("fbnet-cifar"));
        model.setUnit(LutTableModel::Unit::Millis);
        QVERIFY(model.setData(model.index(1, 0), 12.5));
        QVERIFY(ops.compareWith(kRaspi4));
        QVERIFY(ops.scaleBy(1.5));
        ops.stopComparing();
        undo.undo();
        doc.load(QStringLiteral("auto")); // nothing measured in the empty cache
        doc.setSpace(SearchSpace{});      // no layers: stem, head, pool, fc
        QCOMPARE(model.rowCount(), 4);
    }

    void rowsAreLayersAndColumnsOps() {
        const SearchSpace space = SearchSpace::load("fbnet-cifar");
        LutFixture f(space, kPixel3);
        QCOMPARE(f.model.rowCount(), int(space.layers.size()) + 4);
        QCOMPARE(f.model.columnCount(), int(space.opNames().size()) + 1);
        const auto shapes = space.layerShapes();
        const QString header = f.model.headerData(2, Qt::Vertical).toString();
        QVERIFY2(header.contains(QStringLiteral("%1×%2×%3 → %4")
                                     .arg(shapes[1].c_in)
                                     .arg(shapes[1].h)
                                     .arg(shapes[1].w)
                                     .arg(shapes[1].c_out)),
                 qPrintable(header));
        const int k5e6 = f.column("k5_e6");
        QCOMPARE(f.raw(2, k5e6), f.doc.table().at(blockSignature(space, 1, "k5_e6")).latency_us);
        const int fixed = f.model.fixedColumn();
        QCOMPARE(f.raw(0, fixed),
                 f.doc.table().at(LatencyTable::fixedSignatures(space)[0]).latency_us);
        QVERIFY(!(f.model.flags(f.model.index(2, fixed)) & Qt::ItemIsEditable));
        QVERIFY(!(f.model.flags(f.model.index(0, k5e6)) & Qt::ItemIsEditable));
        QVERIFY(f.model.flags(f.model.index(2, k5e6)) & Qt::ItemIsEditable);
        QVERIFY(f.model.headerData(k5e6, Qt::Horizontal).toString().endsWith(QStringLiteral("µs")));
    }

    void missingCellsAreMarkedAndBlankCellsAreNot() {
        const SearchSpace space = testsupport::tinySpace();
        LutFixture f(space, QStringLiteral("auto"));
        const int skip = f.column("skip"), k5e3 = f.column("k5_e3");
        QVERIFY(f.model.setData(f.model.index(1, skip), 3.5)); // layer 0 skip present now
        const QModelIndex present = f.model.index(1, skip),
                          missing = f.model.index(1, f.column("k3_e1"));
        const QModelIndex blank = f.model.index(1, k5e3); // layer 0 cannot choose k5_e3
        QCOMPARE(f.model.data(present, LutTableModel::MissingRole).toBool(), false);
        QCOMPARE(f.model.data(missing, LutTableModel::MissingRole).toBool(), true);
        QCOMPARE(f.model.data(missing).toString(), QStringLiteral("missing"));
        QCOMPARE(background(f.model, 1, f.column("k3_e1")), LutHeatScale::missing());
        QCOMPARE(f.model.data(blank, LutTableModel::MissingRole).toBool(), false);
        QCOMPARE(f.model.data(blank).toString(), QString());
        QCOMPARE(background(f.model, 1, k5e3), LutHeatScale::inactive());
        QVERIFY(!f.model.setData(blank, 1.0));
        // Missing cells, counted once per signature, are what the LUT lacks for the space.
        std::set<QString> keys;
        for (int r = 0; r < f.model.rowCount(); ++r)
            for (int c = 0; c < f.model.columnCount(); ++c)
                if (f.model.data(f.model.index(r, c), LutTableModel::MissingRole).toBool())
                    keys.insert(
                        f.model.data(f.model.index(r, c), LutTableModel::SignatureRole).toString());
        QCOMPARE(keys.size(), f.doc.table().missing(space).size());
    }

    void heatColoursGoFromFastestToSlowestInARow() {
        LutFixture f(SearchSpace::load("fbnet-cifar"), kPixel3);
        const int row = 5;
        int fastest = 0, slowest = 0;
        for (int c = 0; c < f.model.fixedColumn(); ++c) {
            if (f.raw(row, c) < f.raw(row, fastest))
                fastest = c;
            if (f.raw(row, c) > f.raw(row, slowest))
                slowest = c;
        }
        QVERIFY(fastest != slowest);
        QCOMPARE(background(f.model, row, fastest), LutHeatScale::heat(0.0));
        QCOMPARE(background(f.model, row, slowest), LutHeatScale::heat(1.0));
    }

    void unitsChangeWhatIsShownAndTyped() {
        const SearchSpace space = SearchSpace::load("fbnet-cifar");
        LutFixture f(space, kPixel3);
        const QModelIndex cell = f.model.index(3, f.column("k3_e6"));
        const double us = f.model.data(cell, LutTableModel::RawValueRole).toDouble();
        QCOMPARE(f.model.data(cell).toString(), QString::number(us, 'f', 1));
        f.model.setUnit(LutTableModel::Unit::Millis);
        QCOMPARE(f.model.data(cell).toString(), QString::number(us / 1000.0, 'f', 3));
        QCOMPARE(f.model.data(cell, Qt::EditRole).toDouble(), us / 1000.0);
        QVERIFY(f.model.setData(cell, QStringLiteral("2.5")));
        QCOMPARE(f.doc.table().at(blockSignature(space, 2, "k3_e6")).latency_us, 2500.0);
    }

    void anEditIsOneUndoStepAndUndoRestoresTheJson() {
        const SearchSpace space = SearchSpace::load("fbnet-cifar");
        LutFixture f(space, kPixel3);
        const std::string before = f.doc.json();
        // Layers 2 and 3 (rows 3 and 4) share their shapes, so their cells share signatures.
        const int c = f.column("k5_e3");
        QCOMPARE(f.model.data(f.model.index(3, c), LutTableModel::SignatureRole),
                 f.model.data(f.model.index(4, c), LutTableModel::SignatureRole));
        QVERIFY(f.model.setData(f.model.index(3, c), QStringLiteral("123.5")));
        QCOMPARE(f.raw(4, c), 123.5);
        QCOMPARE(f.undo.count(), 1);
        QVERIFY(f.doc.isModified());
        const std::string after = f.doc.json();
        f.undo.undo();
        QCOMPARE(f.doc.json(), before);
        QVERIFY(!f.doc.isModified());
        f.undo.redo();
        QCOMPARE(f.doc.json(), after);
        // Clearing removes the entry; undo brings it back byte for byte.
        QVERIFY(f.model.setData(f.model.index(3, c), QString()));
        QCOMPARE(f.model.data(f.model.index(4, c), LutTableModel::MissingRole).toBool(), true);
        f.undo.undo();
        QCOMPARE(f.doc.json(), after);
        // Not numbers, negative numbers: refused, nothing pushed.
        QVERIFY(!f.model.setData(f.model.index(3, c), QStringLiteral("fast")));
        QVERIFY(!f.model.setData(f.model.index(3, c), -1.0));
        QCOMPARE(f.undo.count(), 2);
    }

    void pastingABlockIsOneUndoStep() {
        const SearchSpace space = SearchSpace::load("fbnet-cifar");
        LutFixture f(space, kPixel3);
        const std::string before = f.doc.json();
        const QModelIndexList at{f.model.index(1, 0)};
        QString error;
        QVERIFY(LutClipboard::paste(f.model, at, QStringLiteral("1\t2\t3\r\n4\t5\t6\r\n"), &error));
        QCOMPARE(f.undo.count(), 1);
        QCOMPARE(f.raw(1, 0), 1.0);
        QCOMPARE(f.raw(1, 2), 3.0);
        QCOMPARE(f.raw(2, 0), 4.0);
        QCOMPARE(f.raw(2, 2), 6.0);
        f.undo.undo();
        QCOMPARE(f.doc.json(), before);

        QVERIFY(!LutClipboard::paste(f.model, at, QStringLiteral("1\t2\n4\t5\tx\n"), &error));
        QVERIFY2(error.contains(QStringLiteral("row 2, column 3")), qPrintable(error));
        QCOMPARE(f.doc.json(), before);
        QCOMPARE(f.undo.count(), 1); // the undone paste; nothing new

        // One value over a selection fills it.
        const QModelIndexList block{f.model.index(5, 1), f.model.index(5, 2), f.model.index(6, 1)};
        QVERIFY(LutClipboard::paste(f.model, block, QStringLiteral("7.25\n"), &error));
        QCOMPARE(f.raw(5, 2), 7.25);
        QCOMPARE(f.raw(6, 1), 7.25);
    }

    void aCopiedBlockPastesToTheSameValues() {
        const SearchSpace space = SearchSpace::load("fbnet-cifar");
        LutFixture from(space, kPixel3), to(space, QStringLiteral("auto"));
        QModelIndexList cells;
        for (int r = 1; r <= 3; ++r)
            for (int c = 0; c < 4; ++c)
                cells << from.model.index(r, c);
        const QString text = LutClipboard::copy(from.model, cells);
        const auto grid = LutClipboard::parse(text);
        QCOMPARE(grid.size(), 3);
        QCOMPARE(grid.front().size(), 4);
        QString error;
        QVERIFY(LutClipboard::paste(to.model, {to.model.index(1, 0)}, text, &error));
        for (int r = 1; r <= 3; ++r)
            for (int c = 0; c < 4; ++c)
                QCOMPARE(to.raw(r, c), from.raw(r, c));
        QCOMPARE(to.undo.count(), 1);
    }

    void scalingIsOneUndoStep() {
        LutFixture f(SearchSpace::load("fbnet-cifar"),
                     QStringLiteral("hw-nas-bench/eyeriss-cifar100"));
        const std::string before = f.doc.json();
        const auto old = f.doc.table().entries();
        QVERIFY(f.ops.scaleBy(2.0));
        QCOMPARE(f.undo.count(), 1);
        for (const LutEntry& e : old) {
            const LutEntry& s = f.doc.table().at(e.sig);
            QCOMPARE(s.latency_us, 2.0 * e.latency_us);
            QCOMPARE(s.energy_uj, e.energy_uj); // energy is not latency
        }
        QVERIFY(!f.ops.scaleBy(0.0));
        f.undo.undo();
        QCOMPARE(f.doc.json(), before);
    }

    void comparingShowsThisOverOther() {
        const SearchSpace space = SearchSpace::load("fbnet-cifar");
        LutFixture f(space, kPixel3);
        const LatencyTable other = LatencyTable::load(kRaspi4.toStdString());
        QVERIFY(f.ops.compareWith(kRaspi4));
        QVERIFY(f.model.isComparing());
        for (int r = 0; r < f.model.rowCount(); ++r)
            for (int c = 0; c < f.model.columnCount(); ++c) {
                const auto sig = f.model.signatureAt(f.model.index(r, c));
                if (!sig)
                    continue;
                const double expected =
                    f.doc.table().at(*sig).latency_us / other.at(*sig).latency_us;
                QCOMPARE(f.model.data(f.model.index(r, c), LutTableModel::RatioRole).toDouble(),
                         expected);
                QCOMPARE(f.model.data(f.model.index(r, c)).toString(),
                         QStringLiteral("%1×").arg(expected, 0, 'f', 2));
                QVERIFY(!(f.model.flags(f.model.index(r, c)) & Qt::ItemIsEditable));
            }
        QVERIFY(!f.ops.compareWith(QStringLiteral("/nonexistent/x.lut.json")));
        f.ops.stopComparing();
        QVERIFY(!f.model.isComparing());
        QVERIFY(f.model.flags(f.model.index(1, 0)) & Qt::ItemIsEditable);
    }
};

QTEST_MAIN(LutTableModelTest)
#include "LutTableModelTest.moc"
