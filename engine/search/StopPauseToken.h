// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace dnas {

// Stop and pause requests from another thread, checked by the search between steps. Pausing
// blocks the search thread on a condition variable, so a paused search uses no CPU.
class StopPauseToken {
  public:
    void requestStop();
    void pause();
    void resume();
    bool stopRequested() const;
    bool paused() const;
    // Blocks while paused; returns false when a stop was requested (also while paused).
    bool waitWhilePaused();
    // How many times a thread has parked in waitWhilePaused (blocked there on a pause), counted
    // when it parks: once it is counted, that thread takes no further step until resume() or
    // requestStop(). Lets a caller see a pause acknowledged instead of guessing with a delay.
    int parkCount() const;
    // Blocks until parkCount() reaches `count` or `timeout` passes; true when it reached it.
    bool waitUntilParked(int count, std::chrono::milliseconds timeout) const;

  private:
    mutable std::mutex mutex_;
    mutable std::condition_variable cv_;
    bool stop_ = false;
    bool paused_ = false;
    int parks_ = 0;
};

} // namespace dnas
