// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Ranks of a data-parallel group as threads of the test process: each thread gets its own
// DistSettings (same free loopback port) and builds its own DistContext, just as separate
// processes would. Exceptions are caught per rank so a test can assert on each.
#include "engine/dist/DistSettings.h"

#include <exception>
#include <functional>
#include <string>
#include <thread>
#include <vector>

namespace dnas::testsupport {

// What a short test timeout is: long enough for a loaded 2-core machine to rendezvous.
constexpr double kTestTimeoutS = 20.0;

inline DistSettings rankSettings(int rank, int worldSize, int port,
                                 double timeoutS = kTestTimeoutS) {
    DistSettings s;
    s.rank = rank;
    s.world_size = worldSize;
    s.master_host = "127.0.0.1";
    s.master_port = port;
    s.timeout_s = timeoutS;
    return s;
}

// Runs body(settings of rank r) on one thread per rank; returns each rank's error message
// (empty when it returned normally).
inline std::vector<std::string> runRanks(int worldSize,
                                         const std::function<void(const DistSettings&)>& body,
                                         double timeoutS = kTestTimeoutS) {
    const int port = DistSettings::freeLoopbackPort();
    std::vector<std::string> errors(static_cast<size_t>(worldSize));
    std::vector<std::thread> threads;
    for (int r = 0; r < worldSize; ++r)
        threads.emplace_back([&, r] {
            try {
                body(rankSettings(r, worldSize, port, timeoutS));
            } catch (const std::exception& e) {
                errors[static_cast<size_t>(r)] = e.what();
                if (errors[static_cast<size_t>(r)].empty())
                    errors[static_cast<size_t>(r)] = "?";
            }
        });
    for (auto& t : threads)
        t.join();
    return errors;
}

} // namespace dnas::testsupport
