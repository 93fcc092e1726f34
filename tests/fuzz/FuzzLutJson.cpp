// SPDX-License-Identifier: GPL-3.0-or-later
// *.lut.json: parse, then the table must survive its own JSON round trip.
#include "engine/cost/LatencyTable.h"
#include "engine/util/JsonText.h"
#include "tests/fuzz/FuzzSupport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    dnas::fuzz::refuseOrAccept([&] {
        const auto j = dnas::parseJsonText(dnas::fuzz::text(data, size), "fuzz.lut.json");
        const dnas::LatencyTable t = dnas::LatencyTable::fromJson(j, "fuzz.lut.json");
        const dnas::LatencyTable back = dnas::LatencyTable::fromJson(t.toJson(), "round trip");
        dnas::fuzz::require(back.size() == t.size());
        for (const auto& e : t.entries()) {
            const dnas::LutEntry* b = back.find(e.sig);
            dnas::fuzz::require(b && b->latency_us == e.latency_us);
        }
    });
    return 0;
}
