// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/util/TextFile.h"
#include "engine/util/DnasError.h"

#include <filesystem>
#include <fstream>
#include <system_error>

namespace dnas {

namespace {
constexpr size_t kChunk = 1 << 16; // read size for files whose length is not known up front

[[noreturn]] void tooLarge(const std::string& path, uint64_t maxBytes) {
    const std::string limit = maxBytes >= (1u << 20) ? std::to_string(maxBytes >> 20) + " MB"
                                                     : std::to_string(maxBytes) + " bytes";
    throw DnasError(path, "", "larger than " + limit + "; refusing to read it");
}
} // namespace

std::string readTextFile(const std::string& path, uint64_t maxBytes) {
    std::error_code ec;
    // A regular file's size is known before reading; devices and pipes are read up to the cap.
    if (std::filesystem::is_regular_file(path, ec)) {
        const uintmax_t size = std::filesystem::file_size(path, ec);
        if (!ec && size > maxBytes)
            tooLarge(path, maxBytes);
    }
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw DnasError(path, "", "cannot open file");
    std::string text;
    char buf[kChunk];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
        if (text.size() + static_cast<uint64_t>(in.gcount()) > maxBytes)
            tooLarge(path, maxBytes);
        text.append(buf, static_cast<size_t>(in.gcount()));
    }
    if (in.bad())
        throw DnasError(path, "", "read error");
    return text;
}

} // namespace dnas
