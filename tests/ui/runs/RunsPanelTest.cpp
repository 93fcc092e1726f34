// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/runs/RunsPanel.h"

#include "tests/ui/runs/RunFolderFixture.h"
#include "ui/runs/RunsModel.h"
#include "ui/study/StudyDocument.h"

#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace dnas;
using namespace dnas::ui;

class RunsPanelTest : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    QStringList errors_;

    QString path(const QString& name) const { return QDir(tmp_.path()).filePath(name); }

    // A study saved beside its two runs, which it lists relative to itself.
    void makeStudy(StudyDocument& doc) {
        const Study base = testsupport::cifarStudy(2);
        testsupport::writeRun(tmp_.path().toStdString(), "runs/a", base, 1);
        testsupport::writeRun(tmp_.path().toStdString(), "runs/b", base, 2);
        Study st = base;
        st.runs = {"runs/a", "runs/b"};
        doc.reset(st, path(QStringLiteral("s.study.json")));
    }

  private slots:
    void initTestCase() {
        QVERIFY(tmp_.isValid());
        // The trash lives in the temporary folder (freedesktop.org: $XDG_DATA_HOME/Trash).
        qputenv("HOME", tmp_.path().toUtf8());
        qputenv("XDG_DATA_HOME", path(QStringLiteral("data")).toUtf8());
    }

    void listsTheStudysRunsAndRenamesWithUndo() {
        StudyDocument doc;
        makeStudy(doc);
        RunsPanel panel(&doc);
        panel.setErrorReporter([this](const QString&, const QString& t) { errors_ << t; });
        RunsModel* m = panel.model();
        QCOMPARE(m->rowCount(), 2);
        m->setChecked(path(QStringLiteral("runs/a")), true);
        // An edit of the name renames the folder and the study's entry.
        QVERIFY(m->setData(m->index(0, RunsModel::Name), QStringLiteral("fast"), Qt::EditRole));
        QVERIFY(QFileInfo::exists(path(QStringLiteral("runs/fast/study.json"))));
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("runs/a"))));
        QCOMPARE(doc.study().runs.front(), std::string("runs/fast"));
        QCOMPARE(m->data(m->index(0, RunsModel::Name)).toString(), QStringLiteral("fast"));
        QCOMPARE(m->checkedDirs(), QStringList{path(QStringLiteral("runs/fast"))}); // tick kept
        doc.undoStack()->undo();
        QVERIFY(QFileInfo::exists(path(QStringLiteral("runs/a/study.json"))));
        QCOMPARE(doc.study().runs.front(), std::string("runs/a"));
        QCOMPARE(m->data(m->index(0, RunsModel::Name)).toString(), QStringLiteral("a"));
        // A name taken is refused, nothing moved.
        QVERIFY(!panel.renameRun(path(QStringLiteral("runs/a")), QStringLiteral("b")));
        QCOMPARE(errors_.size(), 1);
        QVERIFY(QFileInfo::exists(path(QStringLiteral("runs/a/study.json"))));
        errors_.clear();
    }

    void deletesToTheTrashWithUndo() {
        StudyDocument doc;
        makeStudy(doc);
        RunsPanel panel(&doc);
        panel.setErrorReporter([this](const QString&, const QString& t) { errors_ << t; });
        panel.setConfirm([](const QString&) { return true; });
        const QString b = path(QStringLiteral("runs/b"));
        QVERIFY(panel.deleteRun(b));
        QVERIFY(!QFileInfo::exists(b));
        QCOMPARE(doc.study().runs, std::vector<std::string>{"runs/a"});
        QCOMPARE(panel.model()->rowCount(), 1);
        doc.undoStack()->undo();
        QVERIFY(QFileInfo::exists(b + QStringLiteral("/study.json")));
        QCOMPARE(doc.study().runs, (std::vector<std::string>{"runs/a", "runs/b"}));
        QCOMPARE(panel.model()->rowCount(), 2);
        doc.undoStack()->redo();
        QVERIFY(!QFileInfo::exists(b));
        doc.undoStack()->undo();
        QVERIFY(QFileInfo::exists(b));
        QVERIFY(errors_.isEmpty());
    }

    void anOpenedFolderThatIsNoRunIsReported() {
        StudyDocument doc;
        RunsPanel panel(&doc);
        panel.setErrorReporter([this](const QString&, const QString& t) { errors_ << t; });
        QVERIFY(!panel.openFolder(tmp_.path()));
        QCOMPARE(errors_.size(), 1);
        QVERIFY(errors_.front().contains(QStringLiteral("study.json")));
        errors_.clear();
        makeStudy(doc);
        QVERIFY(panel.openFolder(path(QStringLiteral("runs/a"))));
        QCOMPARE(panel.model()->rowCount(), 2); // already the study's
    }
};

QTEST_MAIN(RunsPanelTest)
#include "RunsPanelTest.moc"
