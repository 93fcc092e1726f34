// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace dnas::cli {
// Dispatches `dnas <command> ...`; `dnas --help` and `dnas --version` at top level.
int runCli(int argc, char** argv);
} // namespace dnas::cli
