// SPDX-License-Identifier: GPL-3.0-or-later
// Replot cost of the live views at the scale of a long search: the probability heatmap with
// 200 epochs of the fbnet space's 22 × 9 history, the Pareto plot with 10,000 sampled
// architectures, the curves with 200 epochs of steps. Target: every replot under 16 ms (one
// frame at 60 Hz; the GUI replots at most 25 Hz, so this leaves room for everything else).
//
//   ui_replot_bench [replots]      (QT_QPA_PLATFORM=offscreen when no display)
#include "bench/HeadlessFallback.h"
#include "tests/ui/plots/PlotTestData.h"
#include "ui/plots/CandidatesModel.h"
#include "ui/plots/CandidatesTable.h"
#include "ui/plots/CurvesPlot.h"
#include "ui/plots/ParetoPlot.h"
#include "ui/plots/ProbabilityHeatmap.h"

#include <QApplication>
#include <QElapsedTimer>
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>
#include <qcustomplot.h>
#include <vector>

namespace {
constexpr int kEpochs = 200;       // a long FBNet-style search (the paper ran 90)
constexpr int kPoints = 10000;     // sampled architectures on the Pareto plot
constexpr int kStepsPerPhase = 50; // per epoch and phase: 20,000 steps on the curves
constexpr int kDefaultReplots = 50;
constexpr int kWarmupReplots = 3; // first paints build caches and fonts
constexpr double kFrameBudgetMs = 16.0;
constexpr int kWidth = 1280, kHeight = 800; // a typical dock size on a laptop screen

struct Figures {
    double median = 0, max = 0; // wall clock
    double cpuMedian = 0;       // CPU time of the process (all threads): the work itself,
                                // without the waits for a core on a shared machine
};

double processCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

// Times `n` calls of `work` (each ending in an immediate replot), after a warm-up.
Figures measure(int n, const std::function<void(int)>& work) {
    for (int i = 0; i < kWarmupReplots; ++i)
        work(i);
    std::vector<double> wall, cpu;
    QElapsedTimer t;
    for (int i = 0; i < n; ++i) {
        const double c0 = processCpuMs();
        t.start();
        work(i);
        wall.push_back(t.nsecsElapsed() / 1e6);
        cpu.push_back(processCpuMs() - c0);
    }
    std::sort(wall.begin(), wall.end());
    std::sort(cpu.begin(), cpu.end());
    return {wall[wall.size() / 2], wall.back(), cpu[cpu.size() / 2]};
}

void report(const char* what, const Figures& f) {
    std::printf("%-44s wall median %6.2f ms  max %6.2f ms | cpu median %6.2f ms  %s\n", what,
                f.median, f.max, f.cpuMedian, f.cpuMedian < kFrameBudgetMs ? "ok" : "OVER 16 ms");
}

void show(QWidget& w) {
    w.resize(kWidth, kHeight);
    w.show();
    QApplication::processEvents();
}
} // namespace

int main(int argc, char** argv) {
    dnas::bench::useOffscreenWithoutDisplay();
    QApplication app(argc, argv);
    const int n = argc > 1 ? std::max(1, std::atoi(argv[1])) : kDefaultReplots;
    const dnas::SearchSpace space = dnas::SearchSpace::load("fbnet");
    std::printf("ui_replot_bench: %d replots each, %dx%d px, platform %s\n", n, kWidth, kHeight,
                qPrintable(QGuiApplication::platformName()));

    dnas::ui::ProbabilityHeatmap heatmap;
    for (int e = 0; e < kEpochs; ++e)
        heatmap.addEpoch(dnas::test::makeEpoch(space, e, 1));
    show(heatmap);
    report("heatmap replot (200 epochs x 22 x 9)",
           measure(n, [&](int) { heatmap.plot()->replot(QCustomPlot::rpImmediateRefresh); }));
    report("heatmap scrub (select epoch + replot)", measure(n, [&](int i) {
               heatmap.selectIndex((i * 37) % kEpochs);
               heatmap.plot()->replot(QCustomPlot::rpImmediateRefresh);
           }));

    dnas::ui::ParetoPlot pareto;
    dnas::ui::CandidatesTable table(pareto.model()); // as in the app: sorted, linked selection
    pareto.setSelectionModel(table.selectionModel());
    const auto sets = dnas::test::makeSamples(space, kPoints, kEpochs, 2);
    QElapsedTimer fill;
    fill.start();
    for (const auto& s : sets)
        pareto.addSamples(s);
    std::printf("%-44s total   %7.2f ms   (%d points, front %zu)\n",
                "pareto+table: 200 addSamples (front, sort)", fill.nsecsElapsed() / 1e6,
                pareto.model()->rowCount(), pareto.frontIndices().size());
    show(pareto);
    report("pareto replot (10,000 points)",
           measure(n, [&](int) { pareto.plot()->replot(QCustomPlot::rpImmediateRefresh); }));
    report("pareto select point (selection layer only)", measure(n, [&](int i) {
               pareto.selectRow((i * 7919) % kPoints);
               QApplication::processEvents(); // the layer repaint is posted
           }));

    dnas::ui::CurvesPlot curves;
    for (int e = 0; e < kEpochs; ++e) {
        curves.addSteps(dnas::test::makeSteps(e, kStepsPerPhase));
        curves.addEpoch(dnas::test::makeEpoch(space, e, 1));
    }
    show(curves);
    report("curves replot (20,000 steps, 200 epochs)",
           measure(n, [&](int) { curves.plot()->replot(QCustomPlot::rpImmediateRefresh); }));
    std::printf("QCustomPlot::replotTime() average (last view): %.2f ms\n",
                curves.plot()->replotTime(true));
    return 0;
}
