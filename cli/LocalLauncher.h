// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QString>
#include <QStringList>

namespace dnas::cli {

// `dnas search|resume --nproc N`: runs this executable N times as ranks 0..N-1 of one
// data-parallel run that meets on a free loopback port. Rank 0's output is this command's
// output; the other ranks print only errors. Ctrl-C (SIGINT/SIGTERM) is passed on to every
// rank, which then stop together after the same step with a checkpoint. When a rank fails the
// others notice within the timeout (DistContext); the launcher kills any that have not ended
// by then, and fails naming the rank that failed first.
class LocalLauncher {
  public:
    LocalLauncher(int nproc, double timeoutS) : nproc_(nproc), timeoutS_(timeoutS) {}

    // `verb` is "search" or "resume"; `args` its arguments without the command name and
    // without --nproc. Returns the exit code (0 finished, 1 stopped, 2 a rank failed).
    int run(const QString& verb, const QStringList& args);

  private:
    int nproc_;
    double timeoutS_;
};

} // namespace dnas::cli
