// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/ConsoleProgress.h"
#include "cli/CliOutput.h"

#include <iostream>
#include <unistd.h>

namespace dnas::cli {

ConsoleProgress::ConsoleProgress(std::string label)
    : label_(std::move(label)), tty_(::isatty(2) == 1), start_(std::chrono::steady_clock::now()) {}

bool ConsoleProgress::operator()(size_t done, size_t total, const std::string& what) {
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double frac = total ? static_cast<double>(done) / static_cast<double>(total) : 1.0;
    const std::string counts = std::to_string(done) + "/" + std::to_string(total);
    if (tty_) {
        constexpr int kWidth = 30;
        const int filled = static_cast<int>(frac * kWidth);
        std::cerr << "\r\033[K" << label_ << " [" << std::string(filled, '#')
                  << std::string(kWidth - filled, ' ') << "] " << counts << "  " << fixed(secs, 1)
                  << " s  " << what;
        if (done == total)
            std::cerr << '\n';
        std::cerr.flush();
        return true;
    }
    const int decile = static_cast<int>(frac * 10.0);
    if (decile != lastDecile_ || done == total) {
        lastDecile_ = decile;
        std::cerr << label_ << " " << counts << " (" << fixed(secs, 1) << " s)"
                  << (what.empty() ? "" : "  " + what) << '\n';
    }
    return true;
}

} // namespace dnas::cli
