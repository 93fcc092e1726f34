// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/TimingCliOptions.h"
#include "cli/CommandParser.h"
#include "engine/cost/TimingProtocol.h"

namespace dnas::cli {

void addTimingOptions(CommandParser& p, const QString& unit) {
    p.addOption("batch", "B", "Images per forward pass (default 1).");
    p.addOption("repeats", "N",
                QStringLiteral("Timed runs per %1 at most (default 30; at least 5).").arg(unit));
    p.addOption("threads", "T", "CPU threads (default: all cores or OMP_NUM_THREADS).");
}

void readTimingOptions(const CommandParser& p, TimingOptions& o) {
    if (auto v = p.intValue("batch", 1, 4096))
        o.batch = *v;
    if (auto v = p.intValue("repeats", 5, 100000))
        o.repeats = *v;
    if (auto v = p.intValue("threads", 1, 1024))
        o.threads = *v;
}

} // namespace dnas::cli
