// SPDX-License-Identifier: GPL-3.0-or-later
// HW-NAS-Bench's raw FBNet LUT (hw_nas_bench_fbnet_raw_lut.json): every device the document
// names, plus the key parser on the raw bytes.
#include "engine/cost/HwNasBenchImporter.h"
#include "engine/util/JsonText.h"
#include "tests/fuzz/FuzzSupport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text = dnas::fuzz::text(data, size);
    dnas::OpSignature sig;
    std::string why;
    if (!dnas::HwNasBenchImporter::parseKey(text, sig, &why))
        dnas::fuzz::require(!why.empty());
    dnas::fuzz::refuseOrAccept([&] {
        const auto doc = dnas::parseJsonText(text, "fuzz_raw_lut.json");
        auto devices = dnas::HwNasBenchImporter::devices(doc);
        devices.push_back("raspi4"); // also the named-device path when the file lacks it
        for (const auto& d : devices)
            dnas::fuzz::refuseOrAccept([&] {
                const auto t =
                    dnas::HwNasBenchImporter::importJson(doc, d, "fuzz_raw_lut.json", text);
                dnas::fuzz::require(t.size() > 0);
                (void)t.toJson().dump(); // what imports must also save
            });
    });
    return 0;
}
