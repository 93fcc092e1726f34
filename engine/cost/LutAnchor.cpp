// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cost/LutAnchor.h"
#include "engine/space/SearchSpace.h"
#include "engine/util/DnasError.h"
#include "engine/util/JsonFile.h"

#include <cmath>
#include <ctime>

namespace dnas {

namespace {
// An anchor above this is no timing of a small net (a day per forward pass): a broken file.
constexpr double kMaxAnchorUs = 1e11;
} // namespace

Architecture LutAnchor::architectureFor(const SearchSpace& space) {
    Architecture a;
    a.space = space.name;
    for (const auto& layer : space.layers)
        a.ops.push_back(layer.candidates.at(layer.candidates.size() / 2));
    return a;
}

LutAnchor LutAnchor::stamped(const Architecture& arch, double us, int threads, int batch) {
    char buf[32];
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return {arch, us, threads, batch, buf};
}

nlohmann::json LutAnchor::toJson() const {
    return {{"arch", arch.toString()},
            {"us", us},
            {"threads", threads},
            {"batch", batch},
            {"when", when}};
}

LutAnchor LutAnchor::fromJson(const JsonReader& r) {
    LutAnchor a;
    const std::string text = r.getString("arch");
    try {
        a.arch = Architecture::parseString(text);
    } catch (const DnasError& e) {
        r.fail("arch", e.what());
    }
    if (a.arch.ops.empty())
        r.fail("arch", "no ops");
    a.us = r.getDouble("us");
    if (!(a.us > 0.0) || a.us > kMaxAnchorUs)
        r.fail("us", "must be > 0 and at most " + std::to_string(kMaxAnchorUs));
    a.threads = r.getInt("threads");
    if (a.threads < 0)
        r.fail("threads", "must be >= 0");
    a.batch = r.getInt("batch", 1);
    if (a.batch < 1)
        r.fail("batch", "must be at least 1");
    a.when = r.getString("when", "");
    return a;
}

} // namespace dnas
