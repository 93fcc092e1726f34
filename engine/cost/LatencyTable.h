// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/cost/LutAnchor.h"
#include "engine/cost/LutCalibration.h"

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace dnas {

class SearchSpace;
struct Architecture;

// What a LUT cell is keyed by: the op and the shapes it sees. Fixed parts of the net use the op
// names "stem", "head", "pool" and "fc".
struct OpSignature {
    std::string op;
    int c_in = 0, c_out = 0, h = 0, w = 0, stride = 1;
    std::string key() const;
    std::string describe() const;
    bool operator<(const OpSignature& o) const { return key() < o.key(); }
    bool operator==(const OpSignature& o) const { return key() == o.key(); }
};

struct LutEntry {
    OpSignature sig;
    double latency_us = 0.0;
    std::optional<double> energy_uj, p10_us, p90_us, mean_us;
    int samples = 0;
};

enum class CostMetric { Latency, Energy };

// Per-device cost table (docs/architecture.md §6, "dnas-lut/1"). Lookup by signature, so one LUT
// serves every space whose shapes it covers.
class LatencyTable {
  public:
    nlohmann::json device = nlohmann::json::object(); // name, kind, notes, machine facts
    nlohmann::json provenance = nlohmann::json::object();
    std::string source; // file it was read from, for error messages
    // Per space name: the correction fitted from whole nets (LutCalibrator). The entries stay
    // the measured block timings; calibratedFor() gives the table a space's costs come from.
    std::map<std::string, LutCalibration> calibrations;
    // Per space name: the machine-speed reference timed with the blocks (LutAnchor); a check or
    // a calibration times it again to tell the machine's drift from the table's error.
    std::map<std::string, LutAnchor> anchors;

    void set(const LutEntry& e) { entries_[e.sig.key()] = e; }
    const LutEntry* find(const OpSignature& sig) const;
    // Throws DnasError naming the LUT file and the missing signature.
    const LutEntry& at(const OpSignature& sig) const;
    double value(const OpSignature& sig, CostMetric metric) const;
    bool hasEnergy() const;
    size_t size() const { return entries_.size(); }
    std::vector<LutEntry> entries() const;
    void clear() { entries_.clear(); }
    std::string deviceName() const;

    // Every signature a space (any of its candidates) needs, fixed parts included.
    static std::vector<OpSignature> signaturesFor(const SearchSpace& space);
    static std::vector<OpSignature> fixedSignatures(const SearchSpace& space);
    std::vector<OpSignature> missing(const SearchSpace& space) const;
    void merge(const LatencyTable& other); // other's entries, calibrations and anchors win

    // This table with `space`'s calibration applied to the latency of the block cells the
    // space uses (other cells and energy untouched) and no calibrations left, so applying twice
    // is harmless; a copy of this table when there is none for the space.
    LatencyTable calibratedFor(const SearchSpace& space) const;
    bool calibratedFor(const std::string& spaceName) const {
        return calibrations.count(spaceName) > 0;
    }

    double fixedCost(const SearchSpace& space, CostMetric metric) const;
    // Cost of an architecture in µs (latency) or µJ (energy), fixed parts included.
    double archCost(const SearchSpace& space, const Architecture& arch, CostMetric metric) const;

    nlohmann::json toJson() const;
    static LatencyTable fromJson(const nlohmann::json& j, const std::string& file);
    // nameOrPath: a built-in name (resources/luts/<name>.lut.json) or a file path.
    static LatencyTable load(const std::string& nameOrPath);
    void save(const std::string& path) const;
    static std::vector<std::string> builtinNames();

  private:
    std::map<std::string, LutEntry> entries_;
};

OpSignature blockSignature(const SearchSpace& space, size_t layer, const std::string& op);

} // namespace dnas
