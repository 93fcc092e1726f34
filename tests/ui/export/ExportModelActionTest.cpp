// SPDX-License-Identifier: GPL-3.0-or-later
// File ▸ Export Model in the main window: enabled once there is a run, exporting the Pareto
// point the user picked, else the run's argmax.
#include "ui/export/ExportModelAction.h"
#include "engine/search/SearchObserver.h"
#include "engine/search/StopPauseToken.h"
#include "tests/support/TinyStudy.h"
#include "ui/export/ExportDialog.h"
#include "ui/mainwindow/MainActions.h"
#include "ui/mainwindow/MainWindow.h"
#include "ui/mainwindow/SearchViews.h"
#include "ui/plots/CandidatesModel.h"
#include "ui/plots/ParetoPlot.h"
#include "ui/search/SearchSession.h"

#include <QAction>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest>

using namespace dnas;
using namespace dnas::ui;

namespace {
const std::vector<std::string> kArgmax = {"k3_e1", "k3_e1", "skip"};
const std::vector<std::string> kOther = {"k5_e6", "k3_e3", "k3_e6"};

SampledArchitecture sample(const std::vector<std::string>& ops, double cost, double accuracy,
                           bool argmax) {
    SampledArchitecture a;
    a.ops = ops;
    for (size_t i = 0; i < ops.size(); ++i)
        a.arch += (i ? "-" : "") + ops[i];
    a.cost = cost;
    a.accuracy = accuracy;
    a.is_argmax = argmax;
    return a;
}

// One epoch with two sampled architectures; no engine.
class OneEpoch : public SearchJobFactory {
  public:
    SearchJob newRun(const Study&, const std::string&) override {
        return [](SearchObserver& o, StopPauseToken&) {
            o.onStarted(0, 1);
            SampleSet s;
            s.cost_unit = "MMAC";
            s.samples = {sample(kArgmax, 1.0, 0.5, true), sample(kOther, 2.0, 0.6, false)};
            markPareto(s.samples);
            o.onSamples(s);
            o.onFinished(SampleSet{0, "MMAC", {s.samples.front()}});
        };
    }
    SearchJob resume(const std::string& dir) override { return newRun(Study{}, dir); }
};

QString joined(const std::vector<std::string>& ops) {
    QStringList parts;
    for (const auto& o : ops)
        parts << QString::fromStdString(o);
    return parts.join('-');
}
} // namespace

class ExportModelActionTest : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void exportsThePickedPointElseTheArgmax() {
        MainWindow w(std::make_unique<OneEpoch>());
        QStringList errors;
        w.setErrorReporter([&](const QString&, const QString& text) { errors << text; });
        QAction* action = w.actions()->exportModel;
        ExportModelAction* commands = w.exportModelAction();
        QVERIFY(!action->isEnabled()); // no run yet
        QVERIFY(!commands->openDialog());
        QCOMPARE(errors.size(), 1);

        SearchSession* c = w.searchSession();
        QSignalSpy finished(c, &SearchSession::finished);
        QVERIFY(c->start(testsupport::tinyStudy(), QStringLiteral("/tmp/export-commands-run")));
        QVERIFY(finished.wait(10000));
        QVERIFY(action->isEnabled());
        QCOMPARE(commands->architecture(), joined(kArgmax));

        ParetoPlot* pareto = w.searchViews()->pareto();
        int other = -1;
        for (int r = 0; r < pareto->model()->rowCount(); ++r)
            if (pareto->model()->sample(r).ops == kOther)
                other = r;
        QVERIFY(other >= 0);
        pareto->selectRow(other);
        QCOMPARE(commands->architecture(), joined(kOther));

        action->trigger();
        ExportDialog* d = commands->dialog();
        QVERIFY(d);
        QVERIFY(d->isVisible());
        QCOMPARE(d->architecture(), joined(kOther));
        QCOMPARE(d->runDir(), QStringLiteral("/tmp/export-commands-run"));
        QCOMPARE(errors.size(), 1);
        d->close();
    }
};

QTEST_MAIN(ExportModelActionTest)
#include "ExportModelActionTest.moc"
