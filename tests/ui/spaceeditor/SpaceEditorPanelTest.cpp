// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/spaceeditor/SpaceEditorPanel.h"
#include "engine/export/ArchDef.h"
#include "engine/space/Architecture.h"
#include "engine/util/DnasError.h"
#include "engine/util/JsonFile.h"
#include "tests/support/TinyStudy.h"
#include "tests/ui/spaceeditor/EditorTestUtil.h"
#include "ui/mainwindow/MainActions.h"
#include "ui/mainwindow/MainWindow.h"
#include "ui/search/SearchJobFactory.h"
#include "ui/space/SpaceSummaryWidget.h"
#include "ui/spaceeditor/OpPaletteModel.h"
#include "ui/spaceeditor/SpaceEditor.h"
#include "ui/study/StudyDocument.h"

#include <QAction>
#include <QMenuBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace dnas;
using namespace dnas::ui;

namespace {
class NoJobs : public SearchJobFactory {
  public:
    SearchJob newRun(const Study&, const std::string&) override {
        return [](auto&, auto&) {};
    }
    SearchJob resume(const std::string&) override {
        return [](auto&, auto&) {};
    }
};

QAction* editMenuAction(QMainWindow& w, const QString& prefix) {
    for (QAction* menu : w.menuBar()->actions()) {
        if (menu->text().remove('&') != QLatin1String("Edit"))
            continue;
        for (QAction* a : menu->menu()->actions())
            if (a->text().remove('&').startsWith(prefix))
                return a;
    }
    return nullptr;
}
} // namespace

class SpaceEditorPanelTest : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        // The default study's "auto" LUT: none measured in this empty cache.
        qputenv("DNAS_CACHE_DIR", cache_.path().toUtf8());
    }

    void exportThenImportGivesTheSameSpace() {
        QTemporaryDir dir;
        StudyDocument doc;
        doc.reset(testsupport::tinyStudy());
        SpaceEditorPanel panel(&doc);
        QStringList errors;
        panel.setErrorReporter([&](const QString&, const QString& text) { errors << text; });
        const SearchSpace original = panel.editor()->space();
        const QString path = dir.filePath("tiny.space.json");
        QVERIFY(panel.exportSpace(path));
        QCOMPARE(SearchSpace::load(path.toStdString()), original);

        QVERIFY(panel.editor()->clearLayers());
        QVERIFY(panel.problemText().contains("a space needs at least one layer"));
        QVERIFY(panel.importSpace(path));
        QCOMPARE(panel.editor()->space(), original);
        QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Import space tiny.space.json"));
        QVERIFY(panel.problemText().isEmpty());

        // A space that does not validate still opens, flagged in place.
        nlohmann::json j = original.toJson();
        j["layers"][1]["candidates"].push_back("k9_e9");
        writeJsonFileAtomic(dir.filePath("bad.space.json").toStdString(), j);
        QVERIFY(panel.importSpace(dir.filePath("bad.space.json")));
        QVERIFY(panel.problemText().contains("unknown op \"k9_e9\""));
        QVERIFY(errors.isEmpty());
        QVERIFY(!panel.importSpace(dir.filePath("missing.space.json")));
        QCOMPARE(errors.size(), 1);
        QVERIFY(errors.front().contains("missing.space.json"));
    }

    void aStudySavedMidEditOpensFlagged() {
        QTemporaryDir dir;
        StudyDocument doc;
        doc.reset(testsupport::tinyStudy());
        SpaceEditor editor(&doc);
        QVERIFY(editor.removeCandidates({{1, 0}, {1, 1}, {1, 2}}));
        QString error;
        const QString path = dir.filePath("half.study.json");
        QVERIFY2(doc.saveAs(path, &error), qPrintable(error));

        StudyDocument reopened;
        QVERIFY2(reopened.open(path, &error), qPrintable(error));
        SpaceEditorPanel panel(&reopened);
        QVERIFY2(panel.problemText().contains("layers[1].candidates: the candidate list is empty"),
                 qPrintable(panel.problemText()));
        // The command line still refuses it, naming the file and the field.
        try {
            Study::load(path.toStdString());
            QFAIL("an invalid space loaded strictly");
        } catch (const DnasError& e) {
            QVERIFY2(QString::fromStdString(e.what()).contains("layers[1].candidates"), e.what());
        }
    }

    void importAnArchDefAsAStartingPoint() {
        QTemporaryDir dir;
        StudyDocument doc;
        doc.reset(testsupport::tinyStudy());
        SpaceEditorPanel panel(&doc);
        SearchSpace fmnist = SearchSpace::load("fbnet-fmnist");
        Architecture arch = Architecture::uniform(fmnist, "k5_e6");
        arch.ops[0] = "skip";
        const QString path = dir.filePath("arch_def.json");
        writeJsonFileAtomic(path.toStdString(), ArchDef::write(fmnist, arch));

        QVERIFY(panel.importArchDef(path, false));
        const SearchSpace& s = panel.editor()->space();
        QCOMPARE(s.layers.size(), fmnist.layers.size());
        QCOMPARE(s.layers[0].candidates, std::vector<std::string>{"skip"});
        QCOMPARE(s.layers[1].candidates, std::vector<std::string>{"k5_e6"});
        QCOMPARE(s.input_channels, 1); // the study's data decides input and classes
        QCOMPARE(panel.summary()->architecturesText(), QStringLiteral("1"));
        QVERIFY(panel.importArchDef(path, true));
        QCOMPARE(panel.editor()->space().layers[0].candidates.front(), std::string("skip"));
        QCOMPARE(panel.editor()->space().layers[1].candidates.size(), size_t(9));
        QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Import arch_def arch_def.json"));
    }

    void customOpsComeFromTheDialog() {
        StudyDocument doc;
        doc.reset(testsupport::tinyStudy());
        SpaceEditorPanel panel(&doc);
        const OpSpec wanted = testsupport::irOp("k7_e3_hs", 7, 3, false, "hswish");
        bool editing = true;
        panel.setOpDialog([&](const SearchSpace&, const OpSpec& start, bool isEditing) {
            editing = isEditing;
            OpSpec out = wanted;
            if (isEditing)
                out.expansion = start.expansion + 1;
            return std::optional<OpSpec>(out);
        });
        QVERIFY(panel.newOp());
        QVERIFY(!editing);
        QCOMPARE(panel.editor()->space().custom_ops.at("k7_e3_hs"), wanted);
        QCOMPARE(panel.paletteModel()->rowCount(), 10);
        QVERIFY(panel.editOp()); // the new op is the palette's current one
        QVERIFY(editing);
        QCOMPARE(panel.editor()->space().custom_ops.at("k7_e3_hs").expansion, 4);
        QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Redefine op k7_e3_hs"));
    }

    void wiredIntoTheMainWindow() {
        MainWindow window(std::make_unique<NoJobs>());
        window.setErrorReporter([](const QString&, const QString&) {});
        window.newFromDefault();
        SpaceEditorPanel* panel = window.spaceEditor();
        QVERIFY(panel);
        QVERIFY(window.views()->indexOf(panel) >= 0);
        QCOMPARE(window.views()->tabText(window.views()->indexOf(panel)),
                 QStringLiteral("Space Editor"));
        QVERIFY(!window.isWindowModified());
        QAction* start = window.actions()->startSearch;
        QVERIFY(start->isEnabled());

        QVERIFY(panel->editor()->removeCandidates(
            {{0, 0}, {0, 1}, {0, 2}, {0, 3}, {0, 4}, {0, 5}, {0, 6}, {0, 7}, {0, 8}}));
        QVERIFY(window.isWindowModified());
        QVERIFY(window.windowTitle().contains("[*]"));
        QAction* undo = editMenuAction(window, QStringLiteral("Undo"));
        QVERIFY(undo);
        QCOMPARE(undo->text(), QStringLiteral("&Undo Remove 9 candidates"));
        // An invalid space: Start is off and says why.
        QVERIFY(!start->isEnabled());
        QVERIFY2(start->toolTip().contains("layers[0].candidates: the candidate list is empty"),
                 qPrintable(start->toolTip()));
        QVERIFY(panel->problemText().contains("Start is disabled"));

        undo->trigger();
        QVERIFY(start->isEnabled());
        QVERIFY(!window.isWindowModified());
        QAction* redo = editMenuAction(window, QStringLiteral("Redo"));
        QCOMPARE(redo->text(), QStringLiteral("&Redo Remove 9 candidates"));
    }

  private:
    QTemporaryDir cache_;
};

QTEST_MAIN(SpaceEditorPanelTest)
#include "SpaceEditorPanelTest.moc"
