// SPDX-License-Identifier: GPL-3.0-or-later
// The canonical architecture string ("k3_e1-k3_e6-skip-..."), also with spaces and commas.
#include "engine/space/Architecture.h"
#include "engine/space/SearchSpace.h"
#include "tests/fuzz/FuzzSupport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const dnas::SearchSpace space = dnas::SearchSpace::load("fbnet");
    dnas::fuzz::refuseOrAccept([&] {
        const dnas::Architecture a = dnas::Architecture::parseString(dnas::fuzz::text(data, size));
        dnas::fuzz::require(!a.ops.empty());
        dnas::fuzz::require(dnas::Architecture::parseString(a.toString()).ops == a.ops);
        a.checkAgainst(space, "--arch");
    });
    return 0;
}
