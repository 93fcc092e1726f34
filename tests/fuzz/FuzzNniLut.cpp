// SPDX-License-Identifier: GPL-3.0-or-later
// NNI's lut.txt (one Python dict literal per line), parsed without a Python interpreter; what
// imports must also save.
#include "engine/cost/NniLutImporter.h"
#include "tests/fuzz/FuzzSupport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    dnas::fuzz::refuseOrAccept([&] {
        const auto t = dnas::NniLutImporter::importText(dnas::fuzz::text(data, size), "lut.txt");
        dnas::fuzz::require(t.size() > 0);
        (void)t.toJson().dump(); // an imported LUT can be saved: dump() throws on bad UTF-8
    });
    return 0;
}
