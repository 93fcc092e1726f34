// SPDX-License-Identifier: GPL-3.0-or-later
// *.arch.json: parse, check against the fbnet preset, and round-trip.
#include "engine/space/Architecture.h"
#include "engine/space/SearchSpace.h"
#include "engine/util/JsonText.h"
#include "tests/fuzz/FuzzSupport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const dnas::SearchSpace space = dnas::SearchSpace::load("fbnet");
    dnas::fuzz::refuseOrAccept([&] {
        const auto j = dnas::parseJsonText(dnas::fuzz::text(data, size), "fuzz.arch.json");
        const dnas::Architecture a = dnas::Architecture::fromJson(j, "fuzz.arch.json");
        dnas::fuzz::require(dnas::Architecture::fromJson(a.toJson(), "round trip") == a);
        a.checkAgainst(space, "fuzz.arch.json");
    });
    return 0;
}
