// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/util/InputLimits.h"

#include <cstdint>
#include <string>

namespace dnas {

// Reads a whole file as bytes. More than maxBytes (a huge file, /dev/zero, an endless pipe) is a
// DnasError naming the file, raised before the content is held in memory; so is a missing file.
std::string readTextFile(const std::string& path, uint64_t maxBytes = kMaxInputFileBytes);

} // namespace dnas
