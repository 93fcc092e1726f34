// SPDX-License-Identifier: GPL-3.0-or-later
// How responsive the app stays while a search runs: the main window with its live views, fed
// through SearchSession exactly as in the app. A synthetic search reports fbnet-sized events
// at a high rate (200 epochs of 22 × 9 probabilities, 100 steps and 50 sampled architectures per
// epoch: 10,000 Pareto points), then a short real search (the engine on Fashion-MNIST) shows the
// real path. Reported: the GUI event loop's longest stall (gaps of a 1 ms timer) and the replot
// time of each view. Targets: stall <= 50 ms, replot < 16 ms (one frame at 60 Hz).
//
//   xvfb-run -s "-screen 0 1600x1000x24" build/bench/ui_stall_bench [--epoch-ms 100] [--no-real]
//   (without a display it runs offscreen)
#include "bench/HeadlessFallback.h"
#include "bench/ui_stall/BenchJobFactory.h"
#include "bench/ui_stall/ReplotMeter.h"
#include "bench/ui_stall/StallMeter.h"

#include "engine/search/Study.h"
#include "ui/mainwindow/MainWindow.h"
#include "ui/mainwindow/SearchViews.h"
#include "ui/plots/CandidatesModel.h"
#include "ui/plots/CurvesPlot.h"
#include "ui/plots/ParetoPlot.h"
#include "ui/plots/ProbabilityHeatmap.h"
#include "ui/search/SearchSession.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QEventLoop>
#include <QFileInfo>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <cstdio>

using namespace dnas;

namespace {
constexpr double kStallTargetMs = 50.0; // the responsiveness target
constexpr double kFrameBudgetMs = 16.0; // one frame at 60 Hz
constexpr int kTabCycleMs = 1000;       // each live view takes a turn on screen
constexpr int kRunTimeoutMs = 900000;   // a stuck run ends the benchmark, not the machine
constexpr int kWindowWidth = 1480, kWindowHeight = 900; // MainWindow's default size
// The real run: the default study, small enough to finish in a minute on a loaded 2-core VM.
constexpr int kRealEpochs = 3;
constexpr int64_t kRealLimit = 1280;

struct RunCounts {
    int flushes = 0;
    int64_t steps = 0;
    int epochs = 0;
    int64_t samples = 0;
    QStringList errors;
};

const char* verdict(double value, double target) {
    return value <= target ? "PASS" : "FAIL";
}

void reportRun(const char* title, const RunCounts& n, const bench::StallMeter& stall,
               const bench::ReplotMeter& replots) {
    std::printf("\n%s: %.1f s, %lld steps in %d flushes, %d epochs, %lld sampled architectures\n",
                title, stall.elapsedSeconds(), static_cast<long long>(n.steps), n.flushes, n.epochs,
                static_cast<long long>(n.samples));
    for (const QString& e : n.errors)
        std::printf("  ERROR: %s\n", qPrintable(e));
    const auto& w = stall.wallGaps();
    const auto& c = stall.cpuGaps();
    std::printf("  event-loop stall  max %7.2f ms (at %.1f s)  p99 %6.2f ms  median %5.2f ms"
                "  [%zu ticks]   max/target %.2f  %s\n",
                w.max(), stall.worstAtSeconds(), w.quantile(0.99), w.median(), w.count(),
                w.max() / kStallTargetMs, verdict(w.max(), kStallTargetMs));
    std::printf("  GUI-thread CPU within a gap  max %7.2f ms  p99 %6.2f ms   (the app's own work; "
                "the rest of a wall gap is waiting for a core)   max/target %.2f  %s\n",
                c.max(), c.quantile(0.99), c.max() / kStallTargetMs,
                verdict(c.max(), kStallTargetMs));
    for (const auto& [name, v] : replots.views()) {
        if (v.wall.empty()) {
            std::printf("  replot %-8s  none\n", name.c_str());
            continue;
        }
        std::printf("  replot %-8s  n %4zu  wall median %6.2f ms  max %6.2f ms | cpu median %6.2f "
                    "ms  max %6.2f ms   median/target %.2f  %s   max/target %.2f  %s\n",
                    name.c_str(), v.wall.count(), v.wall.median(), v.wall.max(), v.cpu.median(),
                    v.cpu.max(), v.wall.median() / kFrameBudgetMs,
                    verdict(v.wall.median(), kFrameBudgetMs), v.wall.max() / kFrameBudgetMs,
                    verdict(v.wall.max(), kFrameBudgetMs));
    }
}

// Starts `study` through the window's controller and serves the event loop until it ends.
RunCounts runSearch(ui::MainWindow& window, const Study& study, const QString& runDir,
                    bench::StallMeter& stall, bench::ReplotMeter& replots) {
    ui::SearchSession* c = window.searchSession();
    RunCounts n;
    QObject context;
    QObject::connect(c, &ui::SearchSession::stepsUpdated, &context,
                     [&n](const std::vector<StepMetrics>& s) {
                         ++n.flushes;
                         n.steps += static_cast<int64_t>(s.size());
                     });
    QObject::connect(c, &ui::SearchSession::epochAdded, &context, [&n] { ++n.epochs; });
    QObject::connect(c, &ui::SearchSession::samplesAdded, &context, [&n](const SampleSet& s) {
        n.samples += static_cast<int64_t>(s.samples.size());
    });
    QObject::connect(c, &ui::SearchSession::errorOccurred, &context,
                     [&n](const QString& e) { n.errors << e; });
    QEventLoop loop;
    QObject::connect(c, &ui::SearchSession::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(kRunTimeoutMs, &loop, [&] {
        n.errors << QStringLiteral("timed out");
        c->stop();
    });
    replots.clear();
    stall.start();
    if (!c->start(study, runDir))
        return n;
    loop.exec();
    stall.stop();
    return n;
}
} // namespace

int main(int argc, char** argv) {
    dnas::bench::useOffscreenWithoutDisplay();
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("dnas-studio-bench"));
    QCommandLineParser args;
    args.setApplicationDescription(QStringLiteral("GUI stall and replot time during a search."));
    args.addHelpOption();
    const QCommandLineOption epochs("epochs", "Synthetic epochs (200).", "N", "200");
    const QCommandLineOption steps("steps", "Synthetic steps per epoch (100).", "N", "100");
    const QCommandLineOption samples("samples", "Sampled architectures per epoch (50).", "N", "50");
    const QCommandLineOption pace("epoch-ms", "Synthetic epoch period in ms (100).", "MS", "100");
    const QCommandLineOption noReal("no-real", "Skip the short run of the real engine.");
    args.addOptions({epochs, steps, samples, pace, noReal});
    args.process(app);

    bench::SyntheticSearch synthetic;
    synthetic.space = SearchSpace::load("fbnet");
    synthetic.epochs = args.value(epochs).toInt();
    synthetic.stepsPerEpoch = args.value(steps).toInt();
    synthetic.samplesPerEpoch = args.value(samples).toInt();
    synthetic.epochPeriodMs = args.value(pace).toInt();
    auto factory = std::make_unique<bench::BenchJobFactory>(synthetic);
    bench::BenchJobFactory* jobs = factory.get();

    ui::MainWindow window(std::move(factory));
    window.setErrorReporter([](const QString& title, const QString& text) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(title), qPrintable(text));
    });
    window.newFromDefault();
    window.resize(kWindowWidth, kWindowHeight);
    window.show();
    QApplication::processEvents();

    ui::SearchViews* views = window.searchViews();
    bench::ReplotMeter replots;
    replots.watch("heatmap", views->heatmap()->plot());
    replots.watch("curves", views->curves()->plot());
    replots.watch("pareto", views->pareto()->plot());
    // The pareto plot sits in a splitter with the candidates table: that splitter is the tab.
    const QList<QWidget*> tabs = {views->heatmap(), views->curves(),
                                  views->pareto()->parentWidget()};
    QTimer cycle;
    int shown = 0;
    QObject::connect(&cycle, &QTimer::timeout,
                     [&] { window.views()->setCurrentWidget(tabs[shown++ % tabs.size()]); });
    cycle.start(kTabCycleMs);
    bench::StallMeter stall;
    QTemporaryDir tmp;

    std::printf("ui_stall_bench: MainWindow %dx%d on platform %s; synthetic fbnet search: %d "
                "epochs x %d steps, %zu layers x 9 ops, %d samples/epoch, one epoch every %d ms; "
                "targets: stall <= %.0f ms, replot < %.0f ms\n",
                kWindowWidth, kWindowHeight, qPrintable(QGuiApplication::platformName()),
                synthetic.epochs, synthetic.stepsPerEpoch, synthetic.space.layers.size(),
                synthetic.samplesPerEpoch, synthetic.epochPeriodMs, kStallTargetMs, kFrameBudgetMs);
    Study study = Study::defaultStudy();
    study.name = "fbnet synthetic";
    study.space = synthetic.space;
    study.cost.kind = "macs"; // no LUT: nothing to measure before the views show the space
    study.cost.lut.clear();
    RunCounts n = runSearch(window, study, tmp.filePath("synthetic"), stall, replots);
    reportRun("synthetic run through SearchSession", n, stall, replots);
    std::printf("  views at the end: heatmap %d epochs, pareto %d points (front %zu)\n",
                views->heatmap()->epochCount(), views->pareto()->model()->rowCount(),
                views->pareto()->frontIndices().size());
    bool failed = !n.errors.isEmpty();

    if (!args.isSet(noReal)) {
        const auto data = Study::defaultStudy().dataset.value("path", std::string());
        if (!QFileInfo::exists(QString::fromStdString(data))) {
            std::printf("\nreal run skipped: %s is not installed\n", data.c_str());
        } else {
            jobs->synthetic = false;
            Study real = Study::defaultStudy();
            real.cost.kind = "macs";
            real.cost.lut.clear();
            real.settings.epochs = kRealEpochs;
            real.settings.warmup_epochs = 1;
            real.settings.limit = kRealLimit;
            real.settings.eval_limit = 256;
            real.settings.samples_per_epoch = 6;
            real.settings.mode = SearchMode::Sampled;
            // threads stays the study's (0: all cores), as in the app: the GUI shares the cores.
            n = runSearch(window, real, tmp.filePath("real"), stall, replots);
            reportRun(
                "real engine run (fbnet-fmnist, Fashion-MNIST limit 1280, 3 epochs, all cores)", n,
                stall, replots);
            failed = failed || !n.errors.isEmpty();
        }
    }
    return failed ? 1 : 0;
}
