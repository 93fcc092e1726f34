// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Ends a search or training thread when a test leaves its scope early (a failed ASSERT): asks
// the token to stop and joins, rather than let a joinable std::thread call std::terminate.
#include "engine/search/StopPauseToken.h"

#include <thread>

namespace dnas::test {

struct StopAndJoin {
    std::thread& thread;
    StopPauseToken& token;
    ~StopAndJoin() {
        if (thread.joinable()) {
            token.requestStop();
            thread.join();
        }
    }
};

} // namespace dnas::test
