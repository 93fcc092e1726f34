// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cost/LutCache.h"
#include "engine/util/DnasError.h"
#include "engine/util/JsonFile.h"

#include <cstdlib>
#include <filesystem>
#include <unistd.h>

namespace fs = std::filesystem;

namespace dnas {

namespace {
constexpr const char* kGeneration = ".v2"; // bump when block timings change meaning
} // namespace

std::string LutCache::path() {
    fs::path dir;
    if (const char* d = std::getenv("DNAS_CACHE_DIR"); d && *d)
        dir = d;
    else if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x)
        dir = fs::path(x) / "dnas-studio";
    else if (const char* h = std::getenv("HOME"); h && *h)
        dir = fs::path(h) / ".cache" / "dnas-studio";
    else
        dir = fs::temp_directory_path() / "dnas-studio";
    char host[256] = "localhost";
    ::gethostname(host, sizeof host - 1);
    // The suffix names the measuring code's generation: timings from one that laid weights out
    // NCHW (before v2) are not this code's and must be measured again, not reused.
    return (dir / "luts" / (std::string(host) + kGeneration + ".lut.json")).string();
}

std::optional<LatencyTable> LutCache::load() {
    const std::string p = path();
    if (!fs::exists(p))
        return std::nullopt;
    return LatencyTable::fromJson(readJsonFile(p), p);
}

void LutCache::store(const LatencyTable& lut) {
    const std::string p = path();
    fs::create_directories(fs::path(p).parent_path());
    LatencyTable merged = load().value_or(LatencyTable{});
    merged.device = lut.device;
    merged.provenance = lut.provenance;
    merged.merge(lut);
    merged.save(p);
}

void LutCache::storeCalibration(const std::string& spaceName, const LutCalibration& c,
                                const std::optional<LutAnchor>& anchor) {
    const std::string p = path();
    auto cached = load();
    if (!cached)
        throw DnasError(p, "", "no LUT measured on this machine yet to calibrate");
    cached->calibrations[spaceName] = c;
    if (anchor)
        cached->anchors[spaceName] = *anchor;
    cached->save(p);
}

void LutCache::storeAnchor(const std::string& spaceName, const LutAnchor& anchor) {
    const std::string p = path();
    auto cached = load();
    if (!cached)
        throw DnasError(p, "", "no LUT measured on this machine yet to anchor");
    cached->anchors[spaceName] = anchor;
    cached->save(p);
}

LatencyTable LutCache::resolve(const std::string& ref) {
    if (ref != kAuto)
        return LatencyTable::load(ref);
    auto cached = load();
    if (!cached)
        throw DnasError(path(), "",
                        "no LUT measured on this machine yet: `dnas search` or `dnas cost "
                        "SPACE --arch A --lut auto` measures it, as does the app's Measure Here");
    return *cached;
}

} // namespace dnas
