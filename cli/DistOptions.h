// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/dist/DistSettings.h"

#include <QStringList>

namespace dnas::cli {

class CommandParser;

// The data-parallel options `dnas search` and `dnas resume` share: --nproc N (this machine,
// LocalLauncher) or --rank R --world-size N --master HOST:PORT (one process per call, for
// several machines), and --dist-timeout.
class DistOptions {
  public:
    static void addTo(CommandParser& parser);
    // Reads and checks the parsed options; throws a usage error for contradictory ones.
    explicit DistOptions(const CommandParser& parser);

    // True when this call should start --nproc local ranks rather than search itself.
    bool launches() const { return nproc_ > 1; }
    int nproc() const { return nproc_; }
    const DistSettings& settings() const { return settings_; }
    // `args` (a command's arguments, args[0] its name) without --nproc, for the ranks.
    static QStringList withoutNproc(const QStringList& args);

  private:
    int nproc_ = 1;
    DistSettings settings_;
};

} // namespace dnas::cli
