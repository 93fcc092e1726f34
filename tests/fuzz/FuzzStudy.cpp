// SPDX-License-Identifier: GPL-3.0-or-later
// *.study.json (space inline or by preset name, dataset, cost, settings, runs); round trip.
#include "engine/search/Study.h"
#include "engine/util/JsonText.h"
#include "tests/fuzz/FuzzSupport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    dnas::fuzz::refuseOrAccept([&] {
        const auto j = dnas::parseJsonText(dnas::fuzz::text(data, size), "fuzz.study.json");
        const dnas::Study s = dnas::Study::fromJson(j, "fuzz.study.json");
        const dnas::Study back = dnas::Study::fromJson(s.toJson(), "round trip");
        dnas::fuzz::require(back.space == s.space && back.runs == s.runs);
    });
    return 0;
}
