// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <string>

namespace dnas {

// at::set_num_threads(threads or all cores), the same count for OpenBLAS's own thread pool when
// OpenBLAS is the BLAS, and, once per process, one inter-op thread
// (docs/architecture.md §9: more only contend on small machines) and an allocator that keeps
// freed memory for the next step instead of returning it to the system.
void configureTorchThreads(int threads);
int hardwareThreads();
// What configureTorchThreads(threads) sets: threads when > 0, else OMP_NUM_THREADS, else all
// cores. Settings record this, not at::get_num_threads() of a process that configured nothing.
int resolveThreads(int threads);
// OpenBLAS's thread count (openblas_get_num_threads); 0 when the BLAS is not OpenBLAS.
int blasThreads();

// The BLAS behind Debian's libblas.so.3 alternative ("openblas-pthread", "reference", ...).
std::string blasInUse();
// True when the slow reference BLAS is active (a 512³ matmul runs ~15x slower than OpenBLAS).
bool referenceBlasActive();

} // namespace dnas
