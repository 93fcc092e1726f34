// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/mainwindow/RunLogView.h"
#include "engine/search/Study.h"
#include "engine/util/JsonFile.h"
#include "ui/search/SearchJobFactory.h"

#include "tests/support/FinalistsSummary.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <nlohmann/json.hpp>

using namespace dnas;
using namespace dnas::ui;

namespace {
// A finished run folder with no epochs logged and the given final/summary.json.
void writeFinishedRun(const QTemporaryDir& dir, const nlohmann::json& summary) {
    const std::string root = dir.path().toStdString();
    writeJsonFileAtomic(root + "/study.json", Study::defaultStudy().toJson());
    for (const char* log : {"/metrics.jsonl", "/theta.jsonl", "/samples.jsonl"})
        QFile(QString::fromStdString(root + log)).open(QIODevice::WriteOnly);
    QDir(dir.path()).mkpath("final");
    writeJsonFileAtomic(root + "/final/summary.json", summary);
}

// The log's text once a session has followed the run in `dir` to its end.
QString logOfRun(const QTemporaryDir& dir) {
    SearchSession session(nullptr); // following a folder needs no job factory
    RunLogView view;
    view.follow(&session);
    QSignalSpy finished(&session, &SearchSession::finished);
    if (!session.followRun(dir.path()))
        return {};
    if (!finished.wait(5000))
        return {};
    return view.toPlainText();
}
} // namespace

class RunLogViewTest : public QObject {
    Q_OBJECT

  private slots:
    void namesTheDeliveredNet() {
        QTemporaryDir dir;
        writeFinishedRun(dir, {{"format", "dnas-search-summary/1"},
                               {"cost_unit", "us"},
                               {"argmax", {{"arch", "skip"}, {"accuracy", 0.4}, {"cost", 640.0}}}});
        const QString log = logOfRun(dir);
        QVERIFY2(log.contains("final argmax architecture: skip"), qPrintable(log));
        QVERIFY(!log.contains("finalist"));
    }

    // With finalists: each with both scores, θ's argmax marked, then the delivered one.
    void listsTheFinalistsAndWhichWasDelivered() {
        QTemporaryDir dir;
        writeFinishedRun(dir, testsupport::finalistsSummary());
        const QString log = logOfRun(dir);
        QVERIFY2(log.contains("finalist skip: 80.0 % fine-tuned, 30.0 % one-shot\n"),
                 qPrintable(log));
        QVERIFY(log.contains("finalist k3_e1: 70.0 % fine-tuned, 50.0 % one-shot (θ's argmax)"));
        QVERIFY(log.contains("delivered: skip, the best of 2 finalist(s) fine-tuned alone"));
        QVERIFY(!log.contains("final argmax architecture"));
    }
};

QTEST_MAIN(RunLogViewTest)
#include "RunLogViewTest.moc"
