// SPDX-License-Identifier: GPL-3.0-or-later
// mobile-vision arch_def JSON: read, write back and read again to the same architecture.
#include "engine/export/ArchDef.h"
#include "engine/util/JsonText.h"
#include "tests/fuzz/FuzzSupport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    dnas::fuzz::refuseOrAccept([&] {
        const auto j = dnas::parseJsonText(dnas::fuzz::text(data, size), "arch_def.json");
        const dnas::ArchDefModel m = dnas::ArchDef::read(j, "arch_def.json");
        dnas::fuzz::require(m.arch.ops.size() == m.space.layers.size());
        const auto again = dnas::ArchDef::read(dnas::ArchDef::write(m.space, m.arch), "again");
        dnas::fuzz::require(again.arch.ops.size() == m.arch.ops.size());
    });
    return 0;
}
