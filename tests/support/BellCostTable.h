// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Ten layers of costs 1..9 (plus 5 fixed): a bell-shaped cost distribution like a real space's,
// for the samplers that draw from a slice of it.
#include "engine/search/CostTable.h"

namespace dnas::testsupport {

inline CostTable bellCostTable() {
    CostTable t;
    t.kind = "latency";
    t.unit = "us";
    t.fixed = 5.0;
    for (int l = 0; l < 10; ++l)
        t.per_layer.push_back({1, 2, 3, 4, 5, 6, 7, 8, 9});
    return t;
}

} // namespace dnas::testsupport
