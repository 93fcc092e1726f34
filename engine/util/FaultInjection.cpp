// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/util/FaultInjection.h"

#include <cstdlib>
#include <map>
#include <mutex>
#include <sstream>

namespace dnas {

namespace {
// Point name -> which pass fires; parsed once. Malformed items are ignored: this is a test hook,
// and a typo must never change what a user's run does.
std::map<std::string, long> armedPoints() {
    std::map<std::string, long> out;
    const char* env = std::getenv("DNAS_FAULT");
    if (!env)
        return out;
    std::stringstream in(env);
    for (std::string item; std::getline(in, item, ',');) {
        const size_t colon = item.rfind(':');
        if (colon == std::string::npos)
            continue;
        char* end = nullptr;
        const long n = std::strtol(item.c_str() + colon + 1, &end, 10);
        if (*end == '\0' && n > 0)
            out[item.substr(0, colon)] = n;
    }
    return out;
}
} // namespace

bool FaultInjection::hit(const std::string& point) {
    static const std::map<std::string, long> armed = armedPoints();
    static std::mutex mutex;
    static std::map<std::string, long> passes;
    const auto it = armed.find(point);
    if (it == armed.end())
        return false;
    std::lock_guard<std::mutex> lock(mutex);
    return ++passes[point] == it->second;
}

} // namespace dnas
