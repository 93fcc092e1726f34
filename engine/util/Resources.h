// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <string>
#include <vector>

namespace dnas {

// Where presets and built-in LUTs live: $DNAS_RESOURCE_DIR, else <exe>/../share/dnas-studio
// (installed), else the source tree's resources/ (running from a build folder).
std::string resourceDir();

// Resolves "name" to resources/<sub>/<name><suffix> when it exists, else treats it as a path.
std::string resolveResource(const std::string& nameOrPath, const std::string& sub,
                            const std::string& suffix);

// Names (without suffix) of the files in resources/<sub> ending in suffix, recursively, sorted.
std::vector<std::string> listResources(const std::string& sub, const std::string& suffix);

} // namespace dnas
