// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/study/StudyDocument.h"

#include "tests/support/ScopedFileSizeLimit.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUndoCommand>
#include <QUndoStack>
#include <QtTest>
#include <sys/resource.h>
#include <unistd.h>

using namespace dnas;
using namespace dnas::ui;

namespace {
// The kind of command the editors push: renames the study through applyEdit.
class RenameCommand : public QUndoCommand {
  public:
    RenameCommand(StudyDocument* doc, std::string name)
        : doc_(doc), name_(std::move(name)), old_(doc->study().name) {}
    void redo() override {
        doc_->applyEdit([this](Study& s) { s.name = name_; });
    }
    void undo() override {
        doc_->applyEdit([this](Study& s) { s.name = old_; });
    }

  private:
    StudyDocument* doc_;
    std::string name_, old_;
};

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

class StudyDocumentTest : public QObject {
    Q_OBJECT
  private slots:
    void saveAndLoadRoundTrip() {
        QTemporaryDir dir;
        StudyDocument doc;
        doc.reset(Study::defaultStudy());
        QVERIFY(!doc.isModified());
        const QString path = dir.filePath("a.study.json");
        QString error;
        QVERIFY2(doc.saveAs(path, &error), qPrintable(error));
        QCOMPARE(doc.filePath(), path);

        StudyDocument other;
        QVERIFY2(other.open(path, &error), qPrintable(error));
        QCOMPARE(other.study().toJson(), doc.study().toJson());
        QCOMPARE(other.study().space, Study::defaultStudy().space);
        QVERIFY(readAll(path).startsWith("{\n  \"")); // indented by 2
    }

    void undoStackDrivesModified() {
        StudyDocument doc;
        doc.reset(Study::defaultStudy());
        QSignalSpy modified(&doc, &StudyDocument::modifiedChanged);
        QSignalSpy changed(&doc, &StudyDocument::studyChanged);
        doc.undoStack()->push(new RenameCommand(&doc, "renamed"));
        QVERIFY(doc.isModified());
        QCOMPARE(doc.displayName(), QStringLiteral("renamed"));
        QCOMPARE(modified.count(), 1);
        QCOMPARE(modified.last().first().toBool(), true);
        doc.undoStack()->undo();
        QVERIFY(!doc.isModified());
        QCOMPARE(doc.displayName(), QStringLiteral("Fashion-MNIST"));
        QCOMPARE(modified.count(), 2);
        QCOMPARE(changed.count(), 2);

        doc.setModified(true); // a change outside the undo stack
        QVERIFY(doc.isModified());
        QTemporaryDir dir;
        QString error;
        QVERIFY(doc.saveAs(dir.filePath("b.study.json"), &error));
        QVERIFY(!doc.isModified());
        QVERIFY(doc.undoStack()->isClean());
    }

    void failedSaveKeepsThePreviousFile() {
        if (geteuid() == 0)
            QSKIP("root writes into read-only folders");
        QTemporaryDir dir;
        StudyDocument doc;
        doc.reset(Study::defaultStudy());
        const QString path = dir.filePath("c.study.json");
        QString error;
        QVERIFY(doc.saveAs(path, &error));
        const QByteArray before = readAll(path);

        doc.undoStack()->push(new RenameCommand(&doc, "changed"));
        QVERIFY(QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::ExeOwner));
        QVERIFY(!doc.save(&error));
        QVERIFY(error.contains(path));
        QVERIFY(QFile::setPermissions(dir.path(),
                                      QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        QCOMPARE(readAll(path), before);
        QVERIFY(doc.isModified());
    }

    void writeErrorKeepsThePreviousFile() {
        // A write that fails half-way (file size limit: EFBIG, also for root).
        QTemporaryDir dir;
        StudyDocument doc;
        doc.reset(Study::defaultStudy());
        const QString path = dir.filePath("d.study.json");
        QString error;
        QVERIFY(doc.saveAs(path, &error));
        const QByteArray before = readAll(path);
        doc.undoStack()->push(new RenameCommand(&doc, std::string(4096, 'x')));

        constexpr rlim_t kLimit = 256; // bytes: less than any study file
        bool saved = false;
        {
            dnas::testsupport::ScopedFileSizeLimit limit(kLimit);
            QVERIFY(limit.ok());
            saved = doc.save(&error);
        }

        QVERIFY(!saved);
        QVERIFY2(error.contains(path), qPrintable(error));
        QCOMPARE(readAll(path), before);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"d.study.json"});
        QVERIFY(doc.isModified());
    }

    void failedSaveToAMissingFolder() {
        StudyDocument doc;
        doc.reset(Study::defaultStudy());
        QString error;
        QVERIFY(!doc.saveAs(QStringLiteral("/nonexistent-dnas-dir/x.study.json"), &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(doc.filePath().isEmpty());
    }

    void badFilesKeepTheCurrentStudy() {
        QTemporaryDir dir;
        StudyDocument doc;
        doc.reset(Study::defaultStudy());
        doc.undoStack()->push(new RenameCommand(&doc, "mine"));
        QSignalSpy changed(&doc, &StudyDocument::studyChanged);

        const QString bad = dir.filePath("bad.study.json");
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{ \"format\": \"dnas-study/1\", \"name\": ");
        f.close();
        QString error;
        QVERIFY(!doc.open(bad, &error));
        QVERIFY2(error.contains("bad.study.json"), qPrintable(error));
        QCOMPARE(doc.displayName(), QStringLiteral("mine"));
        QVERIFY(doc.isModified());
        QCOMPARE(changed.count(), 0);

        const QString wrongField = dir.filePath("field.study.json");
        QFile g(wrongField);
        QVERIFY(g.open(QIODevice::WriteOnly));
        g.write(
            R"({"format": "dnas-study/1", "space": "fbnet-fmnist", "cost": {"kind": "speed"}})");
        g.close();
        QVERIFY(!doc.open(wrongField, &error));
        QVERIFY2(error.contains("kind"), qPrintable(error));
        QVERIFY(!doc.open(dir.filePath("missing.study.json"), &error));
        QCOMPARE(doc.displayName(), QStringLiteral("mine"));
    }
};

QTEST_MAIN(StudyDocumentTest)
#include "StudyDocumentTest.moc"
