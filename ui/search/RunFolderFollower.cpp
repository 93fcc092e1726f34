// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/search/RunFolderFollower.h"

#include "engine/util/DnasError.h"

namespace dnas::ui {

std::unique_ptr<RunFolderFollower> RunFolderFollower::open(const QString& runDir, QString* error) {
    try {
        return std::unique_ptr<RunFolderFollower>(new RunFolderFollower(runDir.toStdString()));
    } catch (const std::exception& e) {
        if (error)
            *error = QString::fromStdString(e.what());
        return nullptr;
    }
}

RunFolderFollower::RunFolderFollower(const std::string& runDir) : reader_(runDir) {
    timer_.setInterval(kPollIntervalMs);
    connect(&timer_, &QTimer::timeout, this, &RunFolderFollower::poll);
}

void RunFolderFollower::start() {
    emit started(0, study().settings.epochs);
    timer_.start();
    poll();
}

void RunFolderFollower::stop() {
    timer_.stop();
}

void RunFolderFollower::poll() {
    RunReader::Update u;
    try {
        u = reader_.poll();
    } catch (const std::exception& e) {
        timer_.stop();
        emit failed(QString::fromStdString(e.what()));
        emit done();
        return;
    }
    for (const auto& s : u.steps)
        emit step(s);
    // Interleave by epoch (epoch e, then its samples), the order a live run reports them in.
    size_t si = 0;
    for (const auto& e : u.epochs) {
        while (si < u.samples.size() && u.samples[si].epoch < e.epoch)
            emit samples(u.samples[si++]);
        emit epoch(e);
    }
    while (si < u.samples.size())
        emit samples(u.samples[si++]);
    if (u.final)
        emit finalSamples(*u.final);
    if (u.finished) {
        timer_.stop();
        emit done();
    }
}

} // namespace dnas::ui
