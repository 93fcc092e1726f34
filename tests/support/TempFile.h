// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A file in the temp folder with the given text, named per test process so tests running side
// by side (ctest -j) do not overwrite each other's inputs.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace dnas::test {

inline std::string writeTempFile(const std::string& prefix, const std::string& name,
                                 const std::string& text) {
    const std::string path =
        (std::filesystem::temp_directory_path() / (prefix + std::to_string(::getpid()) + name))
            .string();
    std::ofstream(path) << text;
    return path;
}

} // namespace dnas::test
