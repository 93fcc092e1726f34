// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/SearchRunner.h"
#include "cli/CliOutput.h"
#include "cli/ConsoleSearchObserver.h"
#include "engine/search/Searcher.h"
#include "engine/search/StopPauseToken.h"

#include <atomic>
#include <csignal>
#include <iostream>
#include <thread>

namespace dnas::cli {

namespace {
std::atomic<bool> g_interrupted{false};
extern "C" void onSignal(int) {
    g_interrupted = true;
}
constexpr auto kSignalPoll = std::chrono::milliseconds(100); // how fast Ctrl-C is noticed
} // namespace

bool runStoppableInConsole(const std::function<void(StopPauseToken&)>& work) {
    StopPauseToken control;
    g_interrupted = false;
    auto oldInt = std::signal(SIGINT, onSignal);
    auto oldTerm = std::signal(SIGTERM, onSignal);
    std::atomic<bool> done{false};
    // A signal handler may only set a flag; this thread turns it into a stop request.
    std::thread watcher([&] {
        while (!done) {
            if (g_interrupted) {
                control.requestStop();
                break;
            }
            std::this_thread::sleep_for(kSignalPoll);
        }
    });
    auto restore = [&] {
        done = true;
        watcher.join();
        std::signal(SIGINT, oldInt);
        std::signal(SIGTERM, oldTerm);
    };
    try {
        work(control);
    } catch (...) {
        restore();
        throw;
    }
    restore();
    return control.stopRequested();
}

int runSearchInConsole(Searcher& searcher, bool jsonProgress) {
    ConsoleSearchObserver observer(jsonProgress, searcher.study().cost.unit());
    const bool stopped =
        runStoppableInConsole([&](StopPauseToken& control) { searcher.run(observer, control); });
    if (stopped) {
        if (!jsonProgress)
            std::cout << "\nstopped; continue with: dnas resume " << searcher.runDir() << std::endl;
        return kExitFailed;
    }
    if (!jsonProgress)
        std::cout << "run folder: " << searcher.runDir() << std::endl;
    return kExitOk;
}

} // namespace dnas::cli
