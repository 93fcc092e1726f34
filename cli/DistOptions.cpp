// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/DistOptions.h"
#include "cli/CommandParser.h"
#include "engine/util/DnasError.h"

namespace dnas::cli {

namespace {
constexpr int kMaxProcesses = 1024;
constexpr int kMaxTimeoutS = 86400; // a day: longer is a hang by another name
} // namespace

void DistOptions::addTo(CommandParser& p) {
    p.addOption("nproc", "N",
                "Run N processes on this machine, data-parallel: each takes 1/N of every "
                "batch (the batch must divide by N); gradients and batch-norm statistics are "
                "averaged over all, so the result matches one process.");
    p.addOption("rank", "R", "This process is rank R of --world-size (several machines).");
    p.addOption("world-size", "N", "Number of processes in a multi-machine run.");
    p.addOption("master", "HOST:PORT", "Where rank 0 serves the rendezvous (multi-machine).");
    p.addOption("dist-timeout", "S",
                "Seconds a silent rank may take before the others give up (default 60).");
}

DistOptions::DistOptions(const CommandParser& p) {
    if (auto v = p.intValue("nproc", 1, kMaxProcesses))
        nproc_ = *v;
    if (auto v = p.intValue("dist-timeout", 1, kMaxTimeoutS))
        settings_.timeout_s = *v;
    const bool manual = p.isSet("rank") || p.isSet("world-size") || p.isSet("master");
    if (p.isSet("nproc") && manual)
        throw DnasError("", "--nproc",
                        "starts its own ranks; leave out --rank, --world-size "
                        "and --master");
    if (!manual)
        return;
    if (!p.isSet("rank") || !p.isSet("world-size") || !p.isSet("master"))
        throw DnasError("", "--rank",
                        "a multi-machine run needs --rank, --world-size and "
                        "--master together");
    settings_.world_size = *p.intValue("world-size", 1, kMaxProcesses);
    settings_.rank = *p.intValue("rank", 0, settings_.world_size - 1);
    settings_.setMaster(p.value("master"));
    settings_.check("command line");
}

QStringList DistOptions::withoutNproc(const QStringList& args) {
    QStringList out;
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == "--nproc") {
            ++i; // and its value
            continue;
        }
        if (args[i].startsWith("--nproc="))
            continue;
        out << args[i];
    }
    return out;
}

} // namespace dnas::cli
