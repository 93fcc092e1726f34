// SPDX-License-Identifier: GPL-3.0-or-later
// A run folder's logs as RunReader follows them: the input is metrics.jsonl, theta.jsonl and
// samples.jsonl separated by NUL bytes (JSON text never contains one), beside a fixed valid
// study.json. Polled twice, as a viewer would, to cover the offsets.
#include "engine/search/RunReader.h"
#include "engine/search/Study.h"
#include "tests/fuzz/FuzzSupport.h"

#include <filesystem>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const std::string run = [] {
        const auto dir = dnas::fuzz::scratchDir() / "run";
        std::filesystem::create_directories(dir);
        const std::string study = dnas::Study::defaultStudy().toJson().dump();
        dnas::fuzz::writeScratch("run/study.json", study.data(), study.size());
        return dir.string();
    }();
    const std::string input = dnas::fuzz::text(data, size);
    size_t from = 0;
    for (const char* name : {"run/metrics.jsonl", "run/theta.jsonl", "run/samples.jsonl"}) {
        const size_t nul = std::min(input.find('\0', from), input.size());
        dnas::fuzz::writeScratch(name, input.data() + from, nul - from);
        from = std::min(nul + 1, input.size());
    }
    dnas::fuzz::refuseOrAccept([&] {
        dnas::RunReader reader(run);
        reader.poll();
        dnas::fuzz::require(reader.poll().empty()); // nothing was appended in between
    });
    return 0;
}
