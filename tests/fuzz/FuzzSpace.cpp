// SPDX-License-Identifier: GPL-3.0-or-later
// *.space.json: parse, validate as the editor does, and for a valid space check the round trip
// and the shape chain.
#include "engine/space/SearchSpace.h"
#include "engine/util/JsonText.h"
#include "tests/fuzz/FuzzSupport.h"

#include <nlohmann/json.hpp>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    dnas::fuzz::refuseOrAccept([&] {
        const nlohmann::json j =
            dnas::parseJsonText(dnas::fuzz::text(data, size), "fuzz.space.json");
        // The editor opens spaces that do not validate, to flag them in place.
        const dnas::SearchSpace loose = dnas::SearchSpace::fromJson(j, "fuzz.space.json", false);
        if (!loose.validate().empty())
            return;
        const dnas::SearchSpace space = dnas::SearchSpace::fromJson(j, "fuzz.space.json");
        dnas::fuzz::require(space.layerShapes().size() == space.layers.size());
        dnas::fuzz::require(space.finalSize() >= 1);
        dnas::fuzz::require(dnas::SearchSpace::fromJson(space.toJson(), "round trip") == space);
    });
    return 0;
}
