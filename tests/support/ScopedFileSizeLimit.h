// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Makes write() fail part-way (EFBIG) for files above `bytes` while in scope, as a full disk
// would, also for root (which ignores permissions). SIGXFSZ is ignored meanwhile so the write
// returns an error instead of killing the test.
#include <csignal>
#include <sys/resource.h>

namespace dnas::testsupport {

class ScopedFileSizeLimit {
  public:
    explicit ScopedFileSizeLimit(rlim_t bytes) : handler_(std::signal(SIGXFSZ, SIG_IGN)) {
        ok_ = getrlimit(RLIMIT_FSIZE, &old_) == 0;
        rlimit small = old_;
        small.rlim_cur = bytes;
        ok_ = ok_ && setrlimit(RLIMIT_FSIZE, &small) == 0;
    }
    ~ScopedFileSizeLimit() {
        setrlimit(RLIMIT_FSIZE, &old_);
        std::signal(SIGXFSZ, handler_);
    }
    ScopedFileSizeLimit(const ScopedFileSizeLimit&) = delete;
    ScopedFileSizeLimit& operator=(const ScopedFileSizeLimit&) = delete;
    bool ok() const { return ok_; } // false when the limit could not be set

  private:
    rlimit old_{};
    void (*handler_)(int);
    bool ok_ = false;
};

} // namespace dnas::testsupport
