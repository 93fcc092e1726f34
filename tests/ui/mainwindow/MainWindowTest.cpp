// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/mainwindow/MainWindow.h"
#include "ui/mainwindow/MainActions.h"
#include "ui/mainwindow/SearchViews.h"
#include "ui/plots/CurvesPlot.h"
#include "ui/plots/ParetoPlot.h"
#include "ui/plots/TargetMarker.h"
#include "ui/search/SearchSession.h"
#include "ui/space/SpacePanel.h"
#include "ui/space/SpaceTableModel.h"
#include "ui/study/StudyDocument.h"
#include "ui/study/StudySettingsPanel.h"

#include <QAction>
#include <QDockWidget>
#include <QFile>
#include <QMenuBar>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QToolBar>
#include <QUndoStack>
#include <QtTest>
#include <qcustomplot.h>

using namespace dnas;
using namespace dnas::ui;

namespace {
// The main window never runs a search here.
class NoJobs : public SearchJobFactory {
  public:
    SearchJob newRun(const Study&, const std::string&) override {
        return [](auto&, auto&) {};
    }
    SearchJob resume(const std::string&) override {
        return [](auto&, auto&) {};
    }
};

struct Harness {
    MainWindow window{std::make_unique<NoJobs>()};
    QStringList errors;
    QStringList prompts;
    MainWindow::DiscardAnswer answer = MainWindow::DiscardAnswer::Discard;
    Harness() {
        window.setErrorReporter([this](const QString&, const QString& text) { errors << text; });
        window.setDiscardPrompt([this](const QString& name) {
            prompts << name;
            return answer;
        });
        window.newFromDefault();
    }
};

QStringList menuTitles(QMainWindow& w) {
    QStringList out;
    for (QAction* a : w.menuBar()->actions())
        out << a->text().remove('&');
    return out;
}
} // namespace

class MainWindowTest : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("dnas-studio-test"));
        QCoreApplication::setApplicationName(QStringLiteral("MainWindowTest"));
        QSettings().clear();
    }

    void constructsWithTheDefaultStudy() {
        Harness h;
        QVERIFY(h.errors.isEmpty());
        QCOMPARE(h.window.windowTitle(), QStringLiteral("Fashion-MNIST[*] — DNAS Studio"));
        QVERIFY(!h.window.isWindowModified());
        const int layers = int(h.window.document()->study().space.layers.size());
        QCOMPARE(h.window.spacePanel()->model()->rowCount(), layers + 2);
        QCOMPARE(h.window.views()->widget(0), static_cast<QWidget*>(h.window.spacePanel()));
        QVERIFY(h.window.findChild<QDockWidget*>(QStringLiteral("runLogDock")));
        QVERIFY(h.window.findChild<QToolBar*>(QStringLiteral("mainToolBar")));
        QCOMPARE(menuTitles(h.window), QStringList({"File", "Edit", "View", "Search", "Help"}));
        QCOMPARE(h.window.actions()->open->shortcut(), QKeySequence(QKeySequence::Open));
        QVERIFY(h.window.actions()->startSearch->isEnabled());
        QVERIFY(!h.window.actions()->pauseSearch->isEnabled());
    }

    void settingsScrollInsteadOfSqueezingTheirFields() {
        Harness h;
        h.window.resize(1000, 560); // a laptop's window with the docks open: less than the form
        h.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&h.window));
        auto* scroll = h.window.findChild<QScrollArea*>(QStringLiteral("studySettingsScroll"));
        QVERIFY(scroll);
        h.window.views()->setCurrentWidget(scroll);
        QCoreApplication::processEvents();
        auto* panel = qobject_cast<StudySettingsPanel*>(scroll->widget());
        QVERIFY(panel);
        QVERIFY2(panel->height() >= panel->minimumSizeHint().height(),
                 qPrintable(QStringLiteral("%1 < %2")
                                .arg(panel->height())
                                .arg(panel->minimumSizeHint().height())));
        QVERIFY(scroll->viewport()->height() < panel->height());
        QVERIFY(scroll->verticalScrollBar()->maximum() > 0);
    }

    void titleFollowsModifiedState() {
        Harness h;
        h.window.document()->setModified(true);
        QVERIFY(h.window.isWindowModified());
        h.window.document()->undoStack()->clear();
        h.window.document()->setModified(false);
        QVERIFY(!h.window.isWindowModified());
    }

    void closeAsksBeforeDiscarding() {
        Harness h;
        h.window.show();
        h.window.document()->setModified(true);
        h.answer = MainWindow::DiscardAnswer::Cancel;
        QVERIFY(!h.window.close());
        QCOMPARE(h.prompts, QStringList{"Fashion-MNIST"});
        QVERIFY(h.window.isVisible());
        h.answer = MainWindow::DiscardAnswer::Discard;
        QVERIFY(h.window.close());
    }

    void openingABadFileKeepsTheStudy() {
        Harness h;
        QTemporaryDir dir;
        QFile f(dir.filePath("bad.study.json"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not json");
        f.close();
        QVERIFY(!h.window.openStudy(f.fileName()));
        QCOMPARE(h.errors.size(), 1);
        QVERIFY(h.errors.first().contains("bad.study.json"));
        QCOMPARE(h.window.document()->displayName(), QStringLiteral("Fashion-MNIST"));
    }

    void saveAsThenOpenRemembersTheStudy() {
        Harness h;
        QTemporaryDir dir;
        const QString path = dir.filePath("mine.study.json");
        QVERIFY(h.window.saveAs(path));
        QVERIFY(h.errors.isEmpty());
        QCOMPARE(QSettings().value("study/last").toString(), path);
        QVERIFY(h.window.openStudy(path));
        QCOMPARE(h.window.document()->filePath(), path);
    }

    void layoutRoundTrips() {
        Harness h;
        h.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&h.window));
        auto* dock = h.window.findChild<QDockWidget*>(QStringLiteral("runLogDock"));
        auto* toolBar = h.window.findChild<QToolBar*>(QStringLiteral("mainToolBar"));
        dock->hide();
        toolBar->hide();
        h.window.saveSettings();
        dock->show();
        toolBar->show();
        QVERIFY(dock->isVisible());

        Harness other;
        other.window.restoreSettings();
        other.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&other.window));
        QVERIFY(!other.window.findChild<QDockWidget*>(QStringLiteral("runLogDock"))->isVisible());
        QVERIFY(!other.window.findChild<QToolBar*>(QStringLiteral("mainToolBar"))->isVisible());
        QVERIFY(other.window.restoreState(h.window.saveState(1), 1));
        QVERIFY(other.window.findChild<QDockWidget*>(QStringLiteral("runLogDock"))->isVisible());
    }

    void searchActionsFollowTheController() {
        Harness h;
        QTemporaryDir dir;
        QVERIFY(h.window.saveAs(dir.filePath("s.study.json")));
        QSignalSpy finished(h.window.searchSession(), &SearchSession::finished);
        h.window.actions()->startSearch->trigger();
        QVERIFY(h.errors.isEmpty());
        QVERIFY(!h.window.actions()->startSearch->isEnabled());
        QVERIFY(finished.wait(5000));
        QVERIFY(h.window.actions()->startSearch->isEnabled());
        // The run is listed in the study, relative to the study file.
        const auto& runs = h.window.document()->study().runs;
        QCOMPARE(runs.size(), size_t(1));
        QVERIFY(QString::fromStdString(runs.front()).startsWith("runs/fashion-mnist-"));
        QVERIFY(h.window.isWindowModified());
    }

    void searchPlotsShowTheCostTarget() {
        Harness h;
        SearchViews* views = h.window.searchViews();
        // FBNet's loss, whatever the shipped study steers to: no target to show.
        Study unsteered = Study::defaultStudy();
        unsteered.settings.loss = LossKind::Multiplicative;
        unsteered.settings.target = 0.0;
        unsteered.settings.target_quantile = 0.0;
        h.window.document()->reset(unsteered);
        QVERIFY(!views->curves()->target().isVisible());
        QVERIFY(!views->pareto()->target().isVisible());
        Study steered = unsteered;
        steered.settings.loss = LossKind::Target;
        steered.settings.target = 900.0;
        steered.settings.target_tolerance = 0.1;

        // The document's study, as edited.
        h.window.document()->reset(steered);
        for (const TargetMarker* t : {&views->curves()->target(), &views->pareto()->target()}) {
            QVERIFY(t->cost() == 900.0);
            QCOMPARE(t->tolerance(), 0.1);
            QVERIFY(t->line()->visible());
            QVERIFY2(t->labelText().contains(QStringLiteral("900 µs")), qPrintable(t->labelText()));
        }
        h.window.document()->reset(unsteered);
        QVERIFY(!views->curves()->target().isVisible());
        QVERIFY(!views->pareto()->target().isVisible());

        // A run's own study (started, resumed or opened from its folder) wins while it is shown.
        emit h.window.searchSession()->runStudy(steered);
        QVERIFY(views->curves()->target().cost() == 900.0);
        QVERIFY(views->pareto()->target().cost() == 900.0);
    }
};

QTEST_MAIN(MainWindowTest)
#include "MainWindowTest.moc"
