// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/LocalLauncher.h"
#include "cli/CliOutput.h"
#include "engine/dist/DistSettings.h"
#include "engine/util/TorchSetup.h"

#include <QCoreApplication>
#include <QProcess>
#include <QProcessEnvironment>

#include <atomic>
#include <chrono>
#include <csignal>
#include <memory>
#include <sys/prctl.h>
#include <vector>

namespace dnas::cli {

namespace {
std::atomic<bool> g_interrupted{false};
extern "C" void onLauncherSignal(int) {
    g_interrupted = true;
}

constexpr int kPollMs = 50;      // how often the ranks' states and Ctrl-C are checked
constexpr int kStartMs = 30000;  // a rank that has not started by then never will
constexpr double kGraceS = 15.0; // after a failure, beyond the timeout, before kill -9
const char* const kThreadsVariable = "OMP_NUM_THREADS";

using Clock = std::chrono::steady_clock;

QString describeExit(int rank, const QProcess& p) {
    if (p.exitStatus() == QProcess::CrashExit)
        return QString("rank %1 was killed by a signal").arg(rank);
    return QString("rank %1 failed with exit code %2").arg(rank).arg(p.exitCode());
}
} // namespace

int LocalLauncher::run(const QString& verb, const QStringList& args) {
    const QString command = "dnas " + verb;
    const int port = DistSettings::freeLoopbackPort();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // N ranks on this machine share its cores (an explicit --threads or setting still wins).
    if (!env.contains(kThreadsVariable))
        env.insert(kThreadsVariable, QString::number(std::max(1, hardwareThreads() / nproc_)));
    std::vector<std::unique_ptr<QProcess>> ranks;
    for (int r = 0; r < nproc_; ++r) {
        auto p = std::make_unique<QProcess>();
        p->setProgram(QCoreApplication::applicationFilePath());
        p->setArguments(QStringList{verb} + args +
                        QStringList{"--rank", QString::number(r), "--world-size",
                                    QString::number(nproc_), "--master",
                                    "127.0.0.1:" + QString::number(port), "--dist-timeout",
                                    QString::number(static_cast<int>(timeoutS_))});
        p->setProcessEnvironment(env);
        // A launcher killed outright still stops its ranks, as Ctrl-C would (with a checkpoint).
        p->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
        if (r == 0) {
            p->setProcessChannelMode(QProcess::ForwardedChannels);
        } else {
            p->setProcessChannelMode(QProcess::ForwardedErrorChannel);
            p->setStandardOutputFile(QProcess::nullDevice());
        }
        p->start();
        if (!p->waitForStarted(kStartMs)) {
            for (auto& started : ranks)
                started->kill();
            for (auto& started : ranks)
                started->waitForFinished();
            return reportError(command, "cannot start rank " + std::to_string(r) + ": " +
                                            p->errorString().toStdString());
        }
        ranks.push_back(std::move(p));
    }

    g_interrupted = false;
    auto oldInt = std::signal(SIGINT, onLauncherSignal);
    auto oldTerm = std::signal(SIGTERM, onLauncherSignal);
    bool forwarded = false;
    QStringList failures; // every rank that failed, and how: the first may not be the cause
    Clock::time_point killAt{};
    std::vector<bool> done(ranks.size(), false);
    int stopped = 0;
    for (size_t left = ranks.size(); left > 0;) {
        for (size_t r = 0; r < ranks.size(); ++r) {
            if (done[r] || !ranks[r]->waitForFinished(kPollMs))
                continue;
            done[r] = true;
            --left;
            const QProcess& p = *ranks[r];
            const bool normal = p.exitStatus() == QProcess::NormalExit;
            if (normal && p.exitCode() == kExitFailed)
                ++stopped;
            if (normal && (p.exitCode() == kExitOk || p.exitCode() == kExitFailed))
                continue;
            if (failures.isEmpty())
                killAt = Clock::now() + std::chrono::milliseconds(
                                            static_cast<int64_t>((timeoutS_ + kGraceS) * 1000.0));
            failures << describeExit(static_cast<int>(r), p);
        }
        if (g_interrupted && !forwarded) {
            for (size_t r = 0; r < ranks.size(); ++r)
                if (!done[r])
                    ranks[r]->terminate(); // SIGTERM: stop after the step, checkpoint
            forwarded = true;
        }
        if (!failures.isEmpty() && Clock::now() > killAt)
            for (size_t r = 0; r < ranks.size(); ++r)
                if (!done[r])
                    ranks[r]->kill();
    }
    std::signal(SIGINT, oldInt);
    std::signal(SIGTERM, oldTerm);
    if (!failures.isEmpty())
        return reportError(command, failures.join("; ").toStdString() + " (of " +
                                        std::to_string(nproc_) + " data-parallel processes)");
    return stopped > 0 ? kExitFailed : kExitOk;
}

} // namespace dnas::cli
