// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <condition_variable>
#include <mutex>

namespace dnas {

// Stop and pause requests from another thread, checked by the search between steps. Pausing
// blocks the search thread on a condition variable, so a paused search uses no CPU.
class SearchControl {
public:
    void requestStop();
    void pause();
    void resume();
    bool stopRequested() const;
    bool paused() const;
    // Blocks while paused; returns false when a stop was requested (also while paused).
    bool waitWhilePaused();

private:
    mutable std::mutex mutex_;
    std::condition_variable cv_;
    bool stop_ = false;
    bool paused_ = false;
};

} // namespace dnas
