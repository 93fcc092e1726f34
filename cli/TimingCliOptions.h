// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QString>

namespace dnas {
struct TimingOptions;
}

namespace dnas::cli {

class CommandParser;

// --batch, --repeats and --threads, shared by every verb that times something on this machine
// (lut measure, calibrate, check), so they read and check them alike. `unit` names what one
// timed run covers in the help ("block", "network").
void addTimingOptions(CommandParser& p, const QString& unit);
void readTimingOptions(const CommandParser& p, TimingOptions& o);

} // namespace dnas::cli
