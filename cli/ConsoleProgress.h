// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <chrono>
#include <string>

namespace dnas::cli {

// A progress bar on stderr for long engine loops (LUT measurement, LUT check), so stdout stays
// clean for the result (or --json). On a terminal one line redraws in place; otherwise (logs,
// tests) a line is printed at every 10% so a log shows progress without thousands of lines.
class ConsoleProgress {
  public:
    explicit ConsoleProgress(std::string label);
    // Matches dnas::MeasureProgress; always returns true (Ctrl-C ends the process).
    bool operator()(size_t done, size_t total, const std::string& what);

  private:
    std::string label_;
    bool tty_;
    int lastDecile_ = -1;
    std::chrono::steady_clock::time_point start_;
};

} // namespace dnas::cli
