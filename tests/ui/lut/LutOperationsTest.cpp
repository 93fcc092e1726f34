// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cost/CsvLut.h"
#include "engine/cost/HwNasBenchImporter.h"
#include "engine/cost/LutCache.h"
#include "engine/space/Architecture.h"
#include "engine/util/JsonFile.h"
#include "tests/ui/lut/LutTestSupport.h"
#include "ui/study/StudyDocument.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <cstdlib>
#include <fstream>

using namespace dnas;
using namespace dnas::ui;

namespace {
const QString kPixel3 = QString::fromLatin1(testsupport::kPixel3Lut);
using testsupport::cifarStudy;

// A study document with its LUT document, model and operations, as the editor wires them.
struct StudyFixture {
    StudyDocument study;
    LutDocument doc{study.undoStack()};
    LutTableModel model{&doc};
    LutOperations ops{&doc, &model, &study};

    explicit StudyFixture(const Study& s) {
        QObject::connect(&study, &StudyDocument::studyReset, &ops, &LutOperations::loadFromStudy);
        QObject::connect(&study, &StudyDocument::studyChanged, &ops, &LutOperations::followStudy);
        study.reset(s);
    }
};

QString sharedData(const char* rel) {
    const char* dir = std::getenv("DNAS_SHARED_DATA");
    return QString::fromLocal8Bit(dir ? dir : "../shared/data") + "/" + rel;
}

void writeText(const QString& path, const std::string& text) {
    std::ofstream(path.toStdString()) << text;
}
} // namespace

class LutOperationsTest : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

  private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        testsupport::usePrivateLutCache(dir_);
    }

    void theStudysLutIsLoadedAndFollowed() {
        StudyFixture f(cifarStudy());
        QCOMPARE(f.doc.ref(), kPixel3);
        QVERIFY(f.doc.isBuiltin());
        QCOMPARE(f.model.rowCount(), 22 + 4);
        // A space edit changes the rows, not the LUT.
        const std::string lut = f.doc.json();
        f.study.applyEdit([](Study& s) { s.space.layers.pop_back(); });
        QCOMPARE(f.model.rowCount(), 21 + 4);
        QCOMPARE(f.doc.json(), lut);
        // A study naming no LUT shows this machine's (empty here).
        Study macs = testsupport::tinyStudy();
        f.study.reset(macs);
        QCOMPARE(f.doc.ref(), QStringLiteral("auto"));
        QCOMPARE(f.doc.table().size(), size_t(0));
    }

    void importsHwNasBenchAsOneUndoStep() {
        StudyFixture f(cifarStudy());
        const std::string before = f.doc.json();
        const QString raw = sharedData("hw-nas-bench/hw_nas_bench_fbnet_raw_lut.json");
        QSignalSpy failed(&f.ops, &LutOperations::failed);
        QVERIFY(!f.ops.importFile(raw)); // which device?
        QCOMPARE(failed.count(), 1);
        QVERIFY(f.ops.importFile(raw, QStringLiteral("fpga")));
        const LatencyTable expected = HwNasBenchImporter::importFile(raw.toStdString(), "fpga");
        QCOMPARE(f.doc.json(), expected.toJson().dump(2) + "\n");
        QVERIFY(f.doc.ref().isEmpty()); // unsaved; the study still names its LUT
        QCOMPARE(QString::fromStdString(f.study.study().cost.lut), kPixel3);
        QCOMPARE(f.study.undoStack()->count(), 1);
        f.study.undoStack()->undo();
        QCOMPARE(f.doc.json(), before);
        QCOMPARE(f.doc.ref(), kPixel3);
    }

    void importsNniLutTxt() {
        StudyFixture f(cifarStudy());
        const QString path = dir_.filePath("lut.txt");
        writeText(path, "{'op_name': 'k3_e1', 'op_data_shape': (32, 32, 16, 16, 1), "
                        "'op_dtype': 'float32', 'op_latency': 123.5}\n"
                        "{'op_name': 'skip', 'op_data_shape': (32, 32, 16, 24, 2), "
                        "'op_dtype': 'float32', 'op_latency': 7.25}\n");
        QVERIFY(f.ops.importFile(path));
        QCOMPARE(f.doc.table().size(), size_t(2));
        QCOMPARE(f.doc.table().at({"k3_e1", 16, 16, 32, 32, 1}).latency_us, 123.5);
        QCOMPARE(f.doc.table().at({"skip", 16, 24, 32, 32, 2}).latency_us, 7.25);
    }

    void exportedCsvImportsToTheSameLatencies() {
        StudyFixture f(cifarStudy());
        const QString csv = dir_.filePath("pixel3.csv");
        QVERIFY(f.ops.exportCsv(csv));
        const LatencyTable original = f.doc.table();
        QVERIFY(f.ops.importFile(csv));
        const auto& space = f.doc.space();
        for (const auto& sig : LatencyTable::signaturesFor(space))
            QCOMPARE(f.doc.table().at(sig).latency_us, original.at(sig).latency_us);
        QVERIFY(f.doc.table().missing(space).empty());
    }

    void aBrokenFileIsReportedAndChangesNothing() {
        StudyFixture f(cifarStudy());
        const QString bad = dir_.filePath("bad.csv");
        writeText(bad, "layer,k3_e1\n0,fast\n");
        QSignalSpy failed(&f.ops, &LutOperations::failed);
        QVERIFY(!f.ops.importFile(bad));
        QCOMPARE(failed.count(), 1);
        QVERIFY2(failed.front().at(1).toString().contains(QStringLiteral("bad.csv")),
                 qPrintable(failed.front().at(1).toString()));
        QCOMPARE(f.study.undoStack()->count(), 0);
    }

    void saveAsWritesTheLutAtomicallyAndTheStudyUsesIt() {
        StudyFixture f(cifarStudy());
        QVERIFY(f.model.setData(f.model.index(1, 0), 42.0));
        QSignalSpy failed(&f.ops, &LutOperations::failed);
        QVERIFY(!f.ops.save()); // a built-in is not overwritten
        QCOMPARE(failed.count(), 1);
        const QString path = dir_.filePath("edited.lut.json");
        QVERIFY(f.ops.saveAs(path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll().toStdString(), f.doc.json());
        QVERIFY(!QDir(dir_.path()).entryList(QDir::Files).join(' ').contains(".tmp"));
        QCOMPARE(LatencyTable::load(path.toStdString())
                     .at(blockSignature(f.doc.space(), 0, "k3_e1"))
                     .latency_us,
                 42.0);
        QCOMPARE(QString::fromStdString(f.study.study().cost.lut), path);
        QCOMPARE(f.doc.ref(), path);
        QVERIFY(!f.doc.isModified());
        // Undo: the study names the built-in again and the edit is unsaved again.
        f.study.undoStack()->undo();
        QCOMPARE(QString::fromStdString(f.study.study().cost.lut), kPixel3);
        QCOMPARE(f.doc.ref(), kPixel3);
        QVERIFY(f.doc.isModified());
        f.study.undoStack()->redo();
        // Now save() writes the file in place.
        QVERIFY(f.model.setData(f.model.index(1, 0), 43.0));
        QVERIFY(f.ops.save());
        QCOMPARE(readJsonFile(path.toStdString())["format"].get<std::string>(),
                 std::string("dnas-lut/1"));
        QCOMPARE(LatencyTable::load(path.toStdString())
                     .at(blockSignature(f.doc.space(), 0, "k3_e1"))
                     .latency_us,
                 43.0);
    }

    void thisMachinesLutFollowsItsCacheAndKeepsWhatOthersMeasured() {
        StudyFixture f(testsupport::tinyStudy()); // names no LUT: this machine's, empty
        QCOMPARE(f.doc.ref(), QStringLiteral("auto"));
        const auto sigs = LatencyTable::signaturesFor(f.doc.space());
        // Someone else (a search, the space editor) measures into the cache.
        LatencyTable measured;
        measured.set(testsupport::lutEntry(sigs[0], 10.0));
        LutCache::store(measured);
        QVERIFY(f.doc.isStale());
        f.ops.reloadIfStale();
        QCOMPARE(f.doc.table().at(sigs[0]).latency_us, 10.0);
        QVERIFY(!f.doc.isModified());
        // An edit here, another measurement there: saving keeps both.
        QVERIFY(f.model.setData(f.model.index(0, f.model.fixedColumn()), 20.0)); // the stem
        measured.set(testsupport::lutEntry(sigs[1], 30.0));
        LutCache::store(measured);
        f.ops.reloadIfStale(); // modified: not reloaded
        QVERIFY(f.doc.isModified());
        QVERIFY(f.ops.save());
        const LatencyTable cache = *LutCache::load();
        QCOMPARE(cache.at(sigs[0]).latency_us, 20.0); // sigs[0] is the stem
        QCOMPARE(cache.at(sigs[1]).latency_us, 30.0);
    }

    void openingALutSwitchesTheStudyInOneStep() {
        StudyFixture f(cifarStudy());
        const QString raspi = QStringLiteral("hw-nas-bench/raspi4-cifar100");
        QVERIFY(f.ops.openLut(raspi));
        QCOMPARE(f.doc.ref(), raspi);
        QCOMPARE(QString::fromStdString(f.study.study().cost.lut), raspi);
        QCOMPARE(f.doc.json(), LutDocument::stateFor(raspi).savedJson);
        QCOMPARE(f.study.undoStack()->count(), 1);
        f.study.undoStack()->undo();
        QCOMPARE(f.doc.ref(), kPixel3);
        QCOMPARE(QString::fromStdString(f.study.study().cost.lut), kPixel3);
    }

    void theCostModelSwitchesAndUndoes() {
        StudyFixture f(cifarStudy());
        QVERIFY(f.ops.setCostKind(QStringLiteral("macs")));
        QCOMPARE(f.study.study().cost.kind, std::string("macs"));
        QSignalSpy failed(&f.ops, &LutOperations::failed);
        QVERIFY(!f.ops.setCostKind(QStringLiteral("energy"))); // Pixel 3 has no energy
        QCOMPARE(failed.count(), 1);
        QVERIFY(f.ops.openLut(QStringLiteral("hw-nas-bench/fpga-cifar100")));
        QVERIFY(f.ops.setCostKind(QStringLiteral("energy")));
        QCOMPARE(f.study.study().cost.kind, std::string("energy"));
        QCOMPARE(f.study.study().cost.lut, std::string("hw-nas-bench/fpga-cifar100"));
        f.study.undoStack()->undo();
        f.study.undoStack()->undo();
        f.study.undoStack()->undo();
        QCOMPARE(f.study.study().cost.kind, std::string("latency"));
        QCOMPARE(f.study.study().cost.lut, kPixel3.toStdString());
    }

    void fitsALutThatPredictsTheTimings() {
        StudyFixture f(cifarStudy());
        f.study.reset(testsupport::tinyStudy());
        const SearchSpace space = testsupport::tinySpace();
        // Whole-network latencies made from a known LUT: every architecture of the tiny space.
        LatencyTable truth;
        double v = 50.0;
        for (const auto& sig : LatencyTable::signaturesFor(space))
            truth.set(testsupport::lutEntry(sig, v += 17.0));
        nlohmann::json list = nlohmann::json::array();
        std::vector<Architecture> archs;
        for (const auto& a : space.layers[0].candidates)
            for (const auto& b : space.layers[1].candidates)
                for (const auto& c : space.layers[2].candidates) {
                    Architecture arch;
                    arch.ops = {a, b, c};
                    archs.push_back(arch);
                    list.push_back({{"arch", arch.toString()},
                                    {"latency", truth.archCost(space, arch, CostMetric::Latency)}});
                }
        const QString path = dir_.filePath("timings.json");
        writeJsonFileAtomic(path.toStdString(), {{"format", "dnas-timings/1"},
                                                 {"space", space.name},
                                                 {"unit", "us"},
                                                 {"measurements", list}});
        QVERIFY(f.ops.fitFrom(path));
        for (const auto& arch : archs) {
            const double want = truth.archCost(space, arch, CostMetric::Latency);
            const double got = f.doc.table().archCost(space, arch, CostMetric::Latency);
            QVERIFY2(std::abs(got - want) < 1e-3 * want,
                     qPrintable(QString::fromStdString(arch.toString())));
        }
        QVERIFY(f.doc.isModified());
    }
};

QTEST_MAIN(LutOperationsTest)
#include "LutOperationsTest.moc"
