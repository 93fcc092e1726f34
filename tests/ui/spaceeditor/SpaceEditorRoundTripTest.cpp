// SPDX-License-Identifier: GPL-3.0-or-later
// A space built from nothing in the editor (as a user would, through drops and edits), saved,
// then taken by the command line: `dnas space validate` and a one-epoch `dnas search`.
#include "engine/util/JsonFile.h"
#include "tests/support/TinyStudy.h"
#include "tests/ui/spaceeditor/EditorTestUtil.h"
#include "ui/spaceeditor/OpPaletteModel.h"
#include "ui/spaceeditor/SpaceEditor.h"
#include "ui/spaceeditor/SpaceEditorPanel.h"
#include "ui/spaceeditor/SpaceTreeModel.h"
#include "ui/study/StudyDocument.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>
#include <memory>

using namespace dnas;
using namespace dnas::ui;

namespace {
constexpr int kValidateTimeoutMs = 120000; // loading LibTorch on a busy 2-core machine
constexpr int kSearchTimeoutMs = 540000;   // one epoch of 256 images, plus start-up
const char* const kFashionMnist = "/usr/share/datasets/fashion-mnist";

struct Run {
    int code = -1;
    QString out, err;
};

Run runCli(const QStringList& args, int timeoutMs) {
    QProcess p;
    p.start(QStringLiteral(DNAS_CLI_PATH), args);
    Run r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("timed out: dnas %1").arg(args.join(' '));
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

// A palette op dropped onto a tree row, through the models' drag-and-drop API.
bool dropOp(SpaceEditorPanel& panel, const char* op, const QModelIndex& onto) {
    OpPaletteModel* palette = panel.paletteModel();
    std::unique_ptr<QMimeData> data(palette->mimeData({palette->indexOf(QString::fromLatin1(op))}));
    return panel.model()->dropMimeData(data.get(), Qt::CopyAction, -1, 0, onto);
}
} // namespace

class SpaceEditorRoundTripTest : public QObject {
    Q_OBJECT
  private slots:
    void builtInTheEditorSearchedByTheCli() {
        if (!QFile::exists(QString::fromLatin1(kFashionMnist)))
            QSKIP("Fashion-MNIST is not installed (dataset-fashion-mnist)");
        QTemporaryDir dir;
        StudyDocument doc;
        doc.reset(testsupport::tinyStudy());
        const std::string initial = doc.study().toJson().dump(2);
        SpaceEditorPanel panel(&doc);
        SpaceEditor* e = panel.editor();
        SpaceTreeModel* tree = panel.model();

        QVERIFY(e->clearLayers());
        QVERIFY(e->addStage(-1)); // one layer: the stem's channels, FBNet's nine ops
        std::vector<SpaceEditor::CandidateRef> allButFirst;
        for (int k = 1; k < 9; ++k)
            allButFirst.push_back({0, k});
        QVERIFY(e->removeCandidates(allButFirst));
        QVERIFY(dropOp(panel, "k3_e3", tree->layerIndex(0)));
        QVERIFY(dropOp(panel, "skip", tree->layerIndex(0)));
        QVERIFY(tree->setData(tree->layerIndex(0, SpaceTreeModel::COut), 16));
        QVERIFY(e->addStage(0));
        QVERIFY(tree->setData(tree->layerIndex(1, SpaceTreeModel::COut), 24));
        QVERIFY(tree->setData(tree->layerIndex(1, SpaceTreeModel::Stride), 2));
        panel.setOpDialog([](const SearchSpace&, const OpSpec&, bool) {
            return std::optional<OpSpec>(testsupport::irOp("k7_e2_se", 7, 2, true));
        });
        QVERIFY(panel.newOp());
        QVERIFY(dropOp(panel, "k7_e2_se", tree->stageIndex(1)));
        QVERIFY(e->duplicateLayer(1));
        QVERIFY(tree->setData(tree->layerIndex(2, SpaceTreeModel::Stride), 1));
        // A candidate dragged back onto the palette leaves its layer.
        std::unique_ptr<QMimeData> k3e3(tree->mimeData({tree->candidateIndex(2, 1)}));
        QVERIFY(panel.paletteModel()->dropMimeData(k3e3.get(), Qt::MoveAction, -1, -1, {}));

        const SearchSpace built = e->space();
        QVERIFY2(e->analysis().issues.empty(),
                 testsupport::firstProblem(e->analysis().issues).c_str());
        QCOMPARE(built.layers.size(), size_t(3));
        QCOMPARE(built.layers[2].candidates,
                 (std::vector<std::string>{"k3_e1", "skip", "k7_e2_se"}));
        QCOMPARE(built.numArchitectures(), 3.0 * 4.0 * 3.0);

        // Every step undoes to the bytes of the study it started from, and redoes to the same end.
        const std::string end = doc.study().toJson().dump(2);
        doc.undoStack()->setIndex(0);
        QCOMPARE(doc.study().toJson().dump(2), initial);
        doc.undoStack()->setIndex(doc.undoStack()->count());
        QCOMPARE(doc.study().toJson().dump(2), end);

        const QString spacePath = dir.filePath("built.space.json");
        QVERIFY(panel.exportSpace(spacePath));
        QString error;
        QVERIFY2(doc.saveAs(dir.filePath("built.study.json"), &error), qPrintable(error));
        QCOMPARE(Study::load(dir.filePath("built.study.json").toStdString()).space, built);

        const Run validate = runCli({"space", "validate", spacePath}, kValidateTimeoutMs);
        QVERIFY2(validate.code == 0, qPrintable(validate.err));
        QVERIFY2(validate.out.contains("ok"), qPrintable(validate.out));

        const QString run = dir.filePath("run");
        const Run search = runCli({"search", "--space", spacePath, "--data", kFashionMnist,
                                   "--cost", "macs", "--epochs", "1", "--warmup", "0", "--limit",
                                   "256", "--batch", "64", "--threads", "1", "--out", run},
                                  kSearchTimeoutMs);
        QVERIFY2(search.code == 0, qPrintable(search.err));
        // The run froze the space it searched: the one built here.
        const Study frozen = Study::load(QDir(run).filePath("study.json").toStdString());
        QCOMPARE(frozen.space, built);
        QFile metrics(QDir(run).filePath("metrics.jsonl"));
        QVERIFY(metrics.open(QIODevice::ReadOnly));
        QVERIFY(metrics.readAll().contains("\"type\":\"epoch\""));
    }
};

QTEST_MAIN(SpaceEditorRoundTripTest)
#include "SpaceEditorRoundTripTest.moc"
