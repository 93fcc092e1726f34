// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A final/summary.json of a search that ended with two finalists: "skip" (fine-tuned 80 %,
// one-shot 30 %, delivered) and θ's argmax "k3_e1" (70 %, 50 %).
#include <nlohmann/json.hpp>

namespace dnas::testsupport {

inline nlohmann::json finalistsSummary() {
    const nlohmann::json best = {
        {"arch", "skip"}, {"accuracy", 0.3}, {"cost", 640.0}, {"fine_tuned", 0.8}};
    const nlohmann::json argmax = {{"arch", "k3_e1"},
                                   {"accuracy", 0.5},
                                   {"cost", 650.0},
                                   {"fine_tuned", 0.7},
                                   {"is_argmax", true}};
    return {{"format", "dnas-search-summary/1"},
            {"cost_unit", "us"},
            {"argmax", best},
            {"finalists", {best, argmax}}};
}

} // namespace dnas::testsupport
