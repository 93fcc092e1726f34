// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

namespace dnas {

class SearchSpace;

// One op per searchable layer. Canonical string form "k3_e1-k3_e6-skip-...".
struct Architecture {
    std::vector<std::string> ops;
    std::string space;                // name of the space it belongs to (informative)
    std::optional<int> head_c_out;    // FBNet-A uses a 1504-channel head in a 1984 space
    std::optional<double> accuracy;   // measured, when known
    std::optional<double> latency_ms; // measured or LUT, when known

    std::string toString() const;
    bool operator==(const Architecture& o) const {
        return ops == o.ops && head_c_out == o.head_c_out;
    }

    // Throws DnasError when the op count or an op does not fit the space.
    void checkAgainst(const SearchSpace& space, const std::string& source) const;
    // Each layer's op as its index among that layer's candidates; throws DnasError naming the
    // layer whose op is not one of its candidates.
    std::vector<int64_t> choiceIn(const SearchSpace& space, const std::string& source) const;
    // The space with this architecture's head applied (FBNet-A).
    SearchSpace applyTo(const SearchSpace& space) const;

    nlohmann::json toJson() const;
    static Architecture fromJson(const nlohmann::json& j, const std::string& file);
    static Architecture parseString(const std::string& text);
    // A reference name (fbnet-a/b/c), "all-OP" (OP in every layer), an *.arch.json path, or a
    // canonical string.
    static Architecture resolve(const std::string& text, const SearchSpace& space);
    static std::optional<Architecture> reference(const std::string& name);
    static std::vector<std::string> referenceNames();
    // All layers take op `name` (e.g. all-k5_e6), for comparisons.
    static Architecture uniform(const SearchSpace& space, const std::string& name);
};

} // namespace dnas
