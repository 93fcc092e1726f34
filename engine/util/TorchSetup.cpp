// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/util/TorchSetup.h"

#include <ATen/Parallel.h>
#include <cstdlib>
#include <dlfcn.h>
#include <filesystem>
#include <mutex>
#include <thread>
#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace dnas {

int hardwareThreads() {
    return std::max(1u, std::thread::hardware_concurrency());
}

namespace {
// glibc maps every block above its (adaptive, at most 32 MiB) mmap threshold afresh and returns
// heap tops above 128 KiB to the system, so each step's activations were faulted in page by page:
// a third of a retraining step was the kernel's page-fault handler (docs/architecture.md §9).
// Keeping freed memory for the next step made retraining 3.4x and the two-path step 1.4-1.9x
// faster for ~10 % more resident memory.
constexpr size_t kMmapThreshold = 32u << 20; // the largest value glibc accepts
constexpr size_t kTrimThreshold = 1u << 30;  // keep up to 1 GiB of freed heap for the next step

void keepFreedMemory() {
#ifdef __GLIBC__
    // A user who tunes glibc through its environment keeps their choice.
    if (std::getenv("MALLOC_MMAP_THRESHOLD_") || std::getenv("MALLOC_TRIM_THRESHOLD_"))
        return;
    mallopt(M_MMAP_THRESHOLD, static_cast<int>(kMmapThreshold));
    mallopt(M_TRIM_THRESHOLD, static_cast<int>(kTrimThreshold));
#endif
}
// OpenBLAS keeps a thread pool of its own, sized at load time to OPENBLAS_NUM_THREADS, else
// OMP_NUM_THREADS, else all cores, and at::set_num_threads does not resize it: a "1 thread" LUT
// timing ran its matrix products on two threads, and the idle one spun in sched_yield beside the
// next block (seen with gdb on a 2-core VM). Looked up at run time because the BLAS is whichever
// libblas.so.3 the alternatives pick; the others have no such pool to size, or no such symbol.
void setBlasThreads(int threads) {
    using SetThreads = void (*)(int);
    static const auto set =
        reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
    if (set)
        set(threads);
}
} // namespace

int resolveThreads(int threads) {
    if (threads > 0)
        return threads;
    // An explicit OMP_NUM_THREADS wins over "all cores": tests and shared machines set it. Not
    // OpenMP's own default, which is 1 on this project's VM.
    const char* omp = std::getenv("OMP_NUM_THREADS");
    return omp && std::atoi(omp) > 0 ? std::atoi(omp) : hardwareThreads();
}

int blasThreads() {
    using GetThreads = int (*)();
    static const auto get =
        reinterpret_cast<GetThreads>(dlsym(RTLD_DEFAULT, "openblas_get_num_threads"));
    return get ? get() : 0;
}

void configureTorchThreads(int threads) {
    static std::once_flag interop;
    // set_num_interop_threads may only be called before any inter-op work, once.
    std::call_once(interop, [] {
        keepFreedMemory();
        try {
            at::set_num_interop_threads(1);
        } catch (const std::exception&) {
        }
    });
    threads = resolveThreads(threads);
    at::set_num_threads(threads);
    setBlasThreads(threads);
}

std::string blasInUse() {
    std::error_code ec;
    for (const char* link :
         {"/etc/alternatives/libblas.so.3-x86_64-linux-gnu",
          "/etc/alternatives/libblas.so.3-aarch64-linux-gnu", "/etc/alternatives/libblas.so.3"}) {
        const auto target = std::filesystem::read_symlink(link, ec);
        if (ec)
            continue;
        const std::string t = target.string();
        if (t.find("openblas") != std::string::npos)
            return t.find("pthread") != std::string::npos ? "openblas-pthread" : "openblas";
        if (t.find("blis") != std::string::npos)
            return "blis";
        if (t.find("atlas") != std::string::npos)
            return "atlas";
        if (t.find("mkl") != std::string::npos)
            return "mkl";
        return "reference";
    }
    return "unknown";
}

bool referenceBlasActive() {
    return blasInUse() == "reference";
}

} // namespace dnas
