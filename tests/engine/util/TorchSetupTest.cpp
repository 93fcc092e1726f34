// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/util/TorchSetup.h"
#include "engine/cost/TimingProtocol.h"

#include <ATen/Parallel.h>
#include <cstdlib>
#include <gtest/gtest.h>

using namespace dnas;

namespace {
bool openBlasActive() {
    return blasThreads() > 0;
}
} // namespace

TEST(TorchSetup, ThreadsSizeOpenBlassPoolToo) {
    if (!openBlasActive())
        GTEST_SKIP() << "the BLAS in use (" << blasInUse() << ") keeps no thread pool to size";
    configureTorchThreads(2);
    EXPECT_EQ(at::get_num_threads(), 2);
    EXPECT_EQ(blasThreads(), 2);
    configureTorchThreads(1);
    EXPECT_EQ(at::get_num_threads(), 1);
    EXPECT_EQ(blasThreads(), 1); // a "1 thread" timing runs its products on one thread
}

TEST(TorchSetup, TimingThreadsAreRestoredForBothPools) {
    if (!openBlasActive())
        GTEST_SKIP() << "the BLAS in use (" << blasInUse() << ") keeps no thread pool to size";
    configureTorchThreads(2);
    int inside = 0, insideBlas = 0;
    TimingProtocol::withThreads(1, [&] {
        inside = at::get_num_threads();
        insideBlas = blasThreads();
    });
    EXPECT_EQ(inside, 1);
    EXPECT_EQ(insideBlas, 1);
    EXPECT_EQ(at::get_num_threads(), 2);
    EXPECT_EQ(blasThreads(), 2);
    // 0 is the documented default, not "whatever the process has": OMP_NUM_THREADS (the tests
    // run with 1), else all cores.
    configureTorchThreads(2);
    TimingProtocol::withThreads(0, [&] {
        inside = at::get_num_threads();
        insideBlas = blasThreads();
    });
    const char* omp = std::getenv("OMP_NUM_THREADS");
    const int expected = omp && std::atoi(omp) > 0 ? std::atoi(omp) : hardwareThreads();
    EXPECT_EQ(resolveThreads(0), expected); // what a LUT's provenance records for it
    EXPECT_EQ(resolveThreads(3), 3);
    EXPECT_EQ(inside, expected);
    EXPECT_EQ(insideBlas, expected);
    EXPECT_EQ(at::get_num_threads(), 2);
    configureTorchThreads(1);
}
