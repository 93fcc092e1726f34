// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/util/Resources.h"
#include "engine/util/BuildConfig.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

namespace fs = std::filesystem;

namespace dnas {

std::string resourceDir() {
    if (const char* env = std::getenv("DNAS_RESOURCE_DIR"); env && *env)
        return env;
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path installed = exe.parent_path().parent_path() / DNAS_INSTALL_DATADIR;
        if (fs::is_directory(installed / "spaces", ec))
            return installed.string();
    }
    return DNAS_SOURCE_RESOURCE_DIR;
}

std::string resolveResource(const std::string& nameOrPath, const std::string& sub,
                            const std::string& suffix) {
    std::error_code ec;
    if (nameOrPath.find('/') == std::string::npos || !fs::exists(nameOrPath, ec)) {
        const fs::path candidate = fs::path(resourceDir()) / sub / (nameOrPath + suffix);
        if (fs::exists(candidate, ec))
            return candidate.string();
    }
    return nameOrPath;
}

std::vector<std::string> listResources(const std::string& sub, const std::string& suffix) {
    std::vector<std::string> names;
    const fs::path root = fs::path(resourceDir()) / sub;
    std::error_code ec;
    if (!fs::is_directory(root, ec))
        return names;
    for (const auto& entry : fs::recursive_directory_iterator(root, ec)) {
        const std::string rel = fs::relative(entry.path(), root).string();
        if (entry.is_regular_file() && rel.size() > suffix.size() &&
            rel.compare(rel.size() - suffix.size(), suffix.size(), suffix) == 0)
            names.push_back(rel.substr(0, rel.size() - suffix.size()));
    }
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace dnas
