// SPDX-License-Identifier: GPL-3.0-or-later
// What one small all-reduce costs between the ranks of a data-parallel group: the unit that
// bench/dist_scaling.sh multiplies by a step's collective count. Run once per rank, with the
// same arguments but --rank:
//
//   dist_allreduce_bench --rank R --world-size N --master HOST:PORT [--iters 2000]
//                        [--floats 64] [--warmup 100]
//
// Rank 0 prints one JSON object: us_per_call (mean wall time of one blocking all-reduce of
// --floats floats after --warmup untimed ones), iters, floats, world_size.
#include "engine/dist/DistContext.h"
#include "engine/util/DnasError.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>

namespace {
using Clock = std::chrono::steady_clock;
constexpr int kDefaultIters = 2000; // ~0.1-1 s over a veth: enough for a stable mean
constexpr int kDefaultWarmup = 100; // connections and buffers settle first
constexpr int kDefaultFloats = 64;  // a batch norm's statistics: latency-bound, not bandwidth
} // namespace

int main(int argc, char** argv) {
    dnas::DistSettings settings;
    int iters = kDefaultIters, warmup = kDefaultWarmup, floats = kDefaultFloats;
    try {
        for (int i = 1; i + 1 < argc; i += 2) {
            const std::string key = argv[i], value = argv[i + 1];
            if (key == "--rank")
                settings.rank = std::stoi(value);
            else if (key == "--world-size")
                settings.world_size = std::stoi(value);
            else if (key == "--master")
                settings.setMaster(value);
            else if (key == "--iters")
                iters = std::stoi(value);
            else if (key == "--warmup")
                warmup = std::stoi(value);
            else if (key == "--floats")
                floats = std::stoi(value);
            else if (key == "--timeout")
                settings.timeout_s = std::stod(value);
            else
                throw dnas::DnasError("", key, "unknown option");
        }
        dnas::DistContext context(settings);
        torch::Tensor t = torch::ones({floats});
        for (int i = 0; i < warmup; ++i)
            context.allReduce(t);
        const auto t0 = Clock::now();
        for (int i = 0; i < iters; ++i)
            context.allReduce(t);
        const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
        if (settings.rank == 0)
            std::cout << nlohmann::json{{"us_per_call", 1e6 * seconds / iters},
                                        {"iters", iters},
                                        {"floats", floats},
                                        {"world_size", settings.world_size}}
                      << std::endl;
    } catch (const std::exception& e) {
        std::cerr << "dist_allreduce_bench: " << e.what() << std::endl;
        return 1;
    }
    return 0;
}
