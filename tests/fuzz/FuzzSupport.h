// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Shared by the libFuzzer targets in this folder. Each target feeds the fuzzer's bytes to one
// parser the way the app does (through the same text/JSON entry points) and accepts exactly one
// outcome besides success: a DnasError, the engine's "bad input" error naming file and field.
// Anything else (another exception, a crash, a leak, a sanitizer report, a timeout, running
// out of memory) is a finding.
#include "engine/util/DnasError.h"

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <unistd.h>

namespace dnas::fuzz {

inline std::string text(const uint8_t* data, size_t size) {
    return std::string(reinterpret_cast<const char*>(data), size);
}

// Runs f; a DnasError is the parser refusing the input, which is fine. Everything else escapes
// to libFuzzer, which reports it with the input that caused it.
template <class F> void refuseOrAccept(F&& f) {
    try {
        f();
    } catch (const DnasError&) {
    }
}

// A per-process scratch folder, for parsers that read files (datasets, run folders); in memory
// (/dev/shm) where there is one, and removed when the fuzzer exits normally.
inline const std::filesystem::path& scratchDir() {
    struct Scratch {
        std::filesystem::path dir;
        Scratch() {
            std::error_code ec;
            const bool shm = std::filesystem::is_directory("/dev/shm", ec);
            dir =
                (shm ? std::filesystem::path("/dev/shm") : std::filesystem::temp_directory_path()) /
                ("dnas-fuzz-" + std::to_string(::getpid()));
            std::filesystem::create_directories(dir);
        }
        ~Scratch() {
            std::error_code ec;
            std::filesystem::remove_all(dir, ec);
        }
    };
    static const Scratch scratch;
    return scratch.dir;
}

// Writes bytes to scratchDir()/name and returns the path. The old file is unlinked first: on
// ext4, truncating and rewriting a file flushes it to disk on close (auto_da_alloc), which made
// every input cost ~15 ms.
inline std::string writeScratch(const std::string& name, const char* data, size_t size) {
    const std::string path = (scratchDir() / name).string();
    std::remove(path.c_str());
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f)
        __builtin_trap(); // the fuzzer's own machinery broke, not the parser
    if (size)
        std::fwrite(data, 1, size, f);
    std::fclose(f);
    return path;
}

// A property of the parser that must hold (e.g. a round trip); a violation is a finding.
inline void require(bool ok) {
    if (!ok)
        __builtin_trap();
}

} // namespace dnas::fuzz
