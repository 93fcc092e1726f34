// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/space/SpaceAnalysis.h"

#include "engine/cost/LutCache.h"
#include "engine/cost/ModelCounter.h"
#include "engine/util/DnasError.h"

#include <algorithm>
#include <limits>

namespace dnas::ui {

namespace {
constexpr int kStemKernel = 3; // the stem is a 3×3 conv + BN + ReLU (docs/architecture.md §5)

// Latency of a fixed part, or nullopt when the LUT lacks it.
std::optional<double> fixedLatency(const LatencyTable* lut, const OpSignature& sig) {
    if (!lut)
        return std::nullopt;
    if (const LutEntry* e = lut->find(sig))
        return e->latency_us;
    return std::nullopt;
}

std::optional<double> sum(std::optional<double> a, std::optional<double> b) {
    if (!a || !b)
        return std::nullopt;
    return *a + *b;
}
} // namespace

SpaceAnalysis SpaceAnalysis::ofStudy(const Study& study) {
    if (!study.cost.usesLut()) {
        SpaceAnalysis a = of(study.space, nullptr);
        a.lutStatus = "cost model is " + study.cost.kind + ", no LUT";
        return a;
    }
    try {
        const LatencyTable lut = LutCache::resolve(study.cost.lut);
        SpaceAnalysis a = of(study.space, &lut);
        a.lutName = study.cost.lut;
        return a;
    } catch (const DnasError& e) {
        SpaceAnalysis a = of(study.space, nullptr);
        a.lutName = study.cost.lut;
        a.lutStatus = study.cost.lut == LutCache::kAuto
                          ? std::string("latency: not measured on this machine yet")
                          : std::string(e.what());
        return a;
    }
}

SpaceAnalysis SpaceAnalysis::of(const SearchSpace& space, const LatencyTable* lut) {
    SpaceAnalysis a;
    a.layers = static_cast<int>(space.layers.size());
    a.issues = space.validate();
    a.architectures = space.numArchitectures();
    a.sameCandidates = space.layers.empty() ? 0 : int(space.layers.front().candidates.size());
    for (const auto& l : space.layers)
        if (int(l.candidates.size()) != a.sameCandidates)
            a.sameCandidates = 0;
    if (!a.issues.empty()) {
        for (size_t i = 0; i < space.layers.size(); ++i) {
            Row r;
            r.layer = int(i);
            r.stage = space.layers[i].stage;
            r.cOut = space.layers[i].c_out;
            r.stride = space.layers[i].stride;
            r.candidates = space.layers[i].candidates;
            a.rows.push_back(r);
        }
        return a;
    }

    const auto fixed = LatencyTable::fixedSignatures(space); // stem, head, pool, fc
    Row stem;
    stem.kind = RowKind::Stem;
    stem.cIn = space.input_channels;
    stem.h = stem.w = space.input_size;
    stem.cOut = space.stem_c_out;
    stem.stride = space.stem_stride;
    stem.candidates = {"conv 3×3"};
    const int s = space.stemOutSize();
    const OpCount stemCount =
        ModelCounter::conv(space.input_channels, space.stem_c_out, kStemKernel, s, s, 1, false);
    stem.minMacs = stem.maxMacs = double(stemCount.macs);
    stem.minLatency = stem.maxLatency = fixedLatency(lut, fixed[0]);
    a.rows.push_back(stem);

    double params = double(stemCount.params);
    const auto shapes = space.layerShapes();
    for (size_t i = 0; i < space.layers.size(); ++i) {
        const LayerShape& sh = shapes[i];
        Row r;
        r.layer = int(i);
        r.stage = space.layers[i].stage;
        r.cIn = sh.c_in, r.h = sh.h, r.w = sh.w, r.cOut = sh.c_out, r.stride = sh.stride;
        r.candidates = space.layers[i].candidates;
        r.minMacs = std::numeric_limits<double>::max();
        std::string cheapest, fastest;
        for (const auto& name : r.candidates) {
            const OpCount c = ModelCounter::block(space.op(name), sh, space.always_pw);
            if (double(c.macs) < r.minMacs)
                cheapest = name;
            r.minMacs = std::min(r.minMacs, double(c.macs));
            r.maxMacs = std::max(r.maxMacs, double(c.macs));
            r.candidateMacs.push_back(double(c.macs));
            params += double(c.params);
            const LutEntry* e =
                lut ? lut->find({name, sh.c_in, sh.c_out, sh.h, sh.w, sh.stride}) : nullptr;
            r.candidateLatency.push_back(e ? std::optional<double>(e->latency_us) : std::nullopt);
            if (!lut)
                continue;
            if (!e) {
                ++r.missingLatency;
                continue;
            }
            if (!r.minLatency || e->latency_us < *r.minLatency)
                fastest = name;
            r.minLatency = std::min(r.minLatency.value_or(e->latency_us), e->latency_us);
            r.maxLatency = std::max(r.maxLatency.value_or(e->latency_us), e->latency_us);
        }
        if (r.candidates.empty())
            r.minMacs = 0;
        a.argminMacs.push_back(cheapest);
        a.argminLatency.push_back(fastest);
        a.rows.push_back(r);
    }

    Row head;
    head.kind = RowKind::Head;
    const int f = space.finalSize();
    head.cIn = space.lastChannels();
    head.h = head.w = f;
    head.cOut = space.head_c_out;
    head.candidates = {"conv 1×1", "pool", "fc"};
    OpCount headCount =
        ModelCounter::conv(space.lastChannels(), space.head_c_out, 1, f, f, 1, false);
    headCount += ModelCounter::conv(space.head_c_out, space.num_classes, 1, 1, 1, 1, true);
    head.minMacs = head.maxMacs = double(headCount.macs);
    head.minLatency = head.maxLatency = sum(
        sum(fixedLatency(lut, fixed[1]), fixedLatency(lut, fixed[2])), fixedLatency(lut, fixed[3]));
    a.rows.push_back(head);
    params += double(headCount.params);

    a.supernetParams = params;
    bool latencyComplete = lut != nullptr;
    double minLat = 0, maxLat = 0;
    for (const Row& r : a.rows) {
        a.minMacs += r.minMacs;
        a.maxMacs += r.maxMacs;
        if (!r.minLatency || r.missingLatency > 0) {
            latencyComplete = false;
            continue;
        }
        minLat += *r.minLatency;
        maxLat += *r.maxLatency;
    }
    if (latencyComplete) {
        a.minLatency = minLat;
        a.maxLatency = maxLat;
    } else {
        a.argminLatency.clear();
    }
    if (lut)
        a.missing = lut->missing(space);
    return a;
}

} // namespace dnas::ui
