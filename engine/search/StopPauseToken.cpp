// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/search/StopPauseToken.h"

namespace dnas {

void StopPauseToken::requestStop() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stop_ = true;
    }
    cv_.notify_all();
}

void StopPauseToken::pause() {
    std::lock_guard<std::mutex> lock(mutex_);
    paused_ = true;
}

void StopPauseToken::resume() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        paused_ = false;
    }
    cv_.notify_all();
}

bool StopPauseToken::stopRequested() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return stop_;
}

bool StopPauseToken::paused() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return paused_;
}

bool StopPauseToken::waitWhilePaused() {
    std::unique_lock<std::mutex> lock(mutex_);
    if (paused_ && !stop_) {
        ++parks_; // under the mutex, so an observer that sees it sees every step before it
        cv_.notify_all();
        cv_.wait(lock, [this] { return !paused_ || stop_; });
    }
    return !stop_;
}

int StopPauseToken::parkCount() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return parks_;
}

bool StopPauseToken::waitUntilParked(int count, std::chrono::milliseconds timeout) const {
    std::unique_lock<std::mutex> lock(mutex_);
    return cv_.wait_for(lock, timeout, [&] { return parks_ >= count; });
}

} // namespace dnas
