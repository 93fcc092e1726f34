// SPDX-License-Identifier: GPL-3.0-or-later
#include "search/SearchControl.h"

namespace dnas {

void SearchControl::requestStop() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stop_ = true;
    }
    cv_.notify_all();
}

void SearchControl::pause() {
    std::lock_guard<std::mutex> lock(mutex_);
    paused_ = true;
}

void SearchControl::resume() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        paused_ = false;
    }
    cv_.notify_all();
}

bool SearchControl::stopRequested() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return stop_;
}

bool SearchControl::paused() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return paused_;
}

bool SearchControl::waitWhilePaused() {
    std::unique_lock<std::mutex> lock(mutex_);
    cv_.wait(lock, [this] { return !paused_ || stop_; });
    return !stop_;
}

} // namespace dnas
