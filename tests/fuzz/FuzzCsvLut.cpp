// SPDX-License-Identifier: GPL-3.0-or-later
// A LUT as CSV, read against the fbnet-fmnist preset; what parses must survive format + parse.
#include "engine/cost/CsvLut.h"
#include "engine/space/SearchSpace.h"
#include "tests/fuzz/FuzzSupport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const dnas::SearchSpace space = dnas::SearchSpace::load("fbnet-fmnist");
    dnas::fuzz::refuseOrAccept([&] {
        const auto t = dnas::CsvLut::parse(dnas::fuzz::text(data, size), space, "lut.csv");
        const auto back = dnas::CsvLut::parse(dnas::CsvLut::format(t, space), space, "again.csv");
        // format() writes only what the space can hold, so the re-read never has more entries.
        dnas::fuzz::require(back.size() <= t.size());
    });
    return 0;
}
