// SPDX-License-Identifier: GPL-3.0-or-later
#include <torch/torch.h>
#include <torch/version.h>

#include "engine/cost/LutCache.h"
#include "engine/cost/LutCalibrator.h"
#include "engine/cost/LutMeasurer.h"
#include "engine/cost/LutRebase.h"
#include "engine/nn/BlockFactory.h"
#include "engine/nn/ChannelsLast.h"
#include "engine/nn/Head.h"
#include "engine/nn/Stem.h"
#include "engine/space/SearchSpace.h"
#include "engine/util/DnasError.h"
#include "engine/util/TorchSetup.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>
#include <set>
#include <unistd.h>

namespace dnas {

namespace {

std::string isoNow() {
    char buf[32];
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

torch::Tensor input(int batch, int c, int h, int w) {
    return toChannelsLast(torch::randn({batch, c, h, w}));
}

// The module and input for one signature, and the call that runs it. Built outside the timed
// region, so only the forward pass is measured.
std::function<void()> runnerFor(const SearchSpace& space, const OpSignature& sig, int batch) {
    if (sig.op == "stem") {
        Stem m(sig.c_in, sig.c_out, sig.stride);
        m->eval();
        auto x = input(batch, sig.c_in, sig.h, sig.w);
        return [m, x]() mutable { m->forward(x); };
    }
    if (sig.op == "head" || sig.op == "pool") {
        // head: the 1x1 conv + BN + ReLU; pool: global average pool + flatten of its output.
        const bool conv = sig.op == "head";
        Head m(conv ? sig.c_in : 1, conv ? sig.c_out : sig.c_in, 1);
        m->eval();
        auto x = input(batch, sig.c_in, sig.h, sig.w);
        if (conv)
            return [m, x]() mutable { m->forwardConv(x); };
        return [m, x]() mutable { m->forwardPool(x); };
    }
    if (sig.op == "fc") {
        Head m(1, sig.c_in, sig.c_out);
        m->eval();
        auto x = torch::randn({batch, sig.c_in});
        return [m, x]() mutable { m->forwardFc(x); };
    }
    const OpSpec& op = space.op(sig.op);
    torch::nn::AnyModule block =
        makeBlock(op, LayerShape{sig.c_in, sig.c_out, sig.h, sig.w, sig.stride}, space.always_pw);
    block.ptr()->eval();
    convertToChannelsLast(*block.ptr()); // blocks already are; cheap, and keeps it explicit
    auto x = input(batch, sig.c_in, sig.h, sig.w);
    return [block, x]() mutable { block.forward(x); };
}

} // namespace

LutMeasurer::LutMeasurer(TimingOptions options, int rounds)
    : options_(std::move(options)), rounds_(rounds) {
    TimingProtocol check(options_); // validates early, before anything is built
    if (rounds_ < 1)
        throw DnasError("", "rounds", "must be at least 1");
}

std::string LutMeasurer::cpuModel() {
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("model name", 0) != 0)
            continue;
        const auto colon = line.find(':');
        if (colon == std::string::npos)
            continue;
        const auto start = line.find_first_not_of(" \t", colon + 1);
        return start == std::string::npos ? "unknown" : line.substr(start);
    }
    return "unknown";
}

std::string LutMeasurer::hostName() {
    char host[256] = "localhost";
    ::gethostname(host, sizeof host - 1);
    host[sizeof host - 1] = '\0';
    return host;
}

std::string LutMeasurer::libtorchVersion() {
    return std::to_string(TORCH_VERSION_MAJOR) + "." + std::to_string(TORCH_VERSION_MINOR) + "." +
           std::to_string(TORCH_VERSION_PATCH);
}

nlohmann::json LutMeasurer::deviceJson() const {
    const int threads = resolveThreads(options_.threads);
    return {{"name", "this machine (" + hostName() + ")"},
            {"kind", "measured"},
            {"notes", "blocks timed alone on the CPU, channels-last, eval mode, p50"},
            {"host", hostName()},
            {"cpu", cpuModel()},
            {"cores", hardwareThreads()},
            {"threads", threads},
            {"libtorch", libtorchVersion()},
            {"blas", blasInUse()},
            {"batch", options_.batch}};
}

nlohmann::json LutMeasurer::provenanceJson() const {
    return {{"kind", "measured"},
            {"date", isoNow()},
            {"repeats", options_.repeats},
            {"min_repeats", options_.min_repeats},
            {"warmup", options_.warmup},
            {"budget_s", options_.budget_s},
            {"rounds", rounds_},
            {"statistic", rounds_ > 1 ? "lowest p50 of the rounds" : "p50"}};
}

TimingStats LutMeasurer::timeSignature(const SearchSpace& space, const OpSignature& sig) const {
    torch::NoGradGuard noGrad;
    auto run = runnerFor(space, sig, options_.batch);
    return TimingProtocol(options_).time(run);
}

MeasureResult LutMeasurer::measure(const SearchSpace& space,
                                   const MeasureProgress& progress) const {
    return measure(space, LatencyTable::signaturesFor(space), progress);
}

MeasureResult LutMeasurer::measureMissing(const SearchSpace& space, const LatencyTable& have,
                                          const MeasureProgress& progress) const {
    return measure(space, have.missing(space), progress);
}

MeasureResult LutMeasurer::measure(const SearchSpace& space,
                                   const std::vector<OpSignature>& signatures,
                                   const MeasureProgress& progress) const {
    const double start = TimingProtocol::steadySeconds();
    std::vector<OpSignature> todo;
    std::set<std::string> seen;
    for (const auto& s : signatures)
        if (seen.insert(s.key()).second)
            todo.push_back(s);
    // Unknown ops fail before any time is spent, not after minutes of measuring.
    for (const auto& s : todo)
        if (s.op != "stem" && s.op != "head" && s.op != "pool" && s.op != "fc")
            space.op(s.op);

    MeasureResult r;
    r.requested = todo.size();
    r.table.device = deviceJson();
    r.table.provenance = provenanceJson();
    // The anchor net (LutAnchor) between the blocks as a check times it between nets, so its
    // fastest timing is the machine's speed over the measurement. Not for a space that does not
    // validate (the LUT editor measures the blocks of a space still being edited): no whole net to
    // build.
    const bool anchored = !todo.empty() && space.validate().empty();
    const Architecture anchorArch = anchored ? LutAnchor::architectureFor(space) : Architecture{};
    const TimingProtocol protocol(options_);
    std::vector<double> anchorUs;
    // Per block: every timed run of every round, and the lowest round p50.
    std::vector<std::vector<double>> pooled(todo.size());
    std::vector<double> lowestP50(todo.size(), 0.0);
    const size_t total = todo.size() * static_cast<size_t>(rounds_);
    size_t done = 0;
    auto record = [&](size_t i) {
        const TimingStats all = TimingProtocol::summarize(pooled[i]);
        LutEntry e;
        e.sig = todo[i];
        e.latency_us = lowestP50[i];
        e.p10_us = all.p10_us;
        e.p90_us = all.p90_us;
        e.mean_us = all.mean_us;
        e.samples = all.samples;
        r.table.set(e);
    };
    TimingProtocol::withThreads(options_.threads, [&] {
        auto order = LutChecker::passOrder(todo.size(), anchored);
        for (int round = 0; round < rounds_; ++round) {
            for (const auto& item : order) {
                if (!item) {
                    anchorUs.push_back(LutChecker::timeNetwork(space, anchorArch, protocol).p50_us);
                    continue;
                }
                const size_t i = *item;
                const OpSignature& sig = todo[i];
                std::string what = sig.describe();
                if (rounds_ > 1)
                    what += " (round " + std::to_string(round + 1) + " of " +
                            std::to_string(rounds_) + ")";
                if (progress && !progress(done, total, what)) {
                    r.cancelled = true;
                    return;
                }
                torch::NoGradGuard noGrad;
                std::vector<double> us = protocol.samples(runnerFor(space, sig, options_.batch));
                const double p50 = TimingProtocol::summarize(us).p50_us;
                lowestP50[i] = pooled[i].empty() ? p50 : std::min(lowestP50[i], p50);
                pooled[i].insert(pooled[i].end(), us.begin(), us.end());
                if (round == 0)
                    ++r.measured;
                record(i);
                ++done;
            }
            std::reverse(order.begin(), order.end());
        }
        if (anchored) {
            LutDrift timings;
            timings.anchor_us = anchorUs;
            r.table.anchors[space.name] = LutAnchor::stamped(anchorArch, timings.fastestUs(),
                                                             at::get_num_threads(), options_.batch);
        }
        if (progress)
            progress(total, total, "");
    });
    r.seconds = TimingProtocol::steadySeconds() - start;
    return r;
}

LutAnchor LutMeasurer::measureAnchor(const SearchSpace& space, int timings,
                                     std::vector<double>* timingsUs) const {
    if (timings < 1)
        throw DnasError("", "timings", "must be at least 1");
    space.check(space.name); // a whole net to build
    const Architecture arch = LutAnchor::architectureFor(space);
    const TimingProtocol protocol(options_);
    LutDrift timed;
    int threads = 0;
    TimingProtocol::withThreads(options_.threads, [&] {
        threads = at::get_num_threads();
        for (int i = 0; i < timings; ++i)
            timed.anchor_us.push_back(LutChecker::timeNetwork(space, arch, protocol).p50_us);
    });
    if (timingsUs)
        *timingsUs = timed.anchor_us;
    return LutAnchor::stamped(arch, timed.fastestUs(), threads, options_.batch);
}

std::optional<LatencyTable> ensureMachineLut(const SearchSpace& space,
                                             const MeasureProgress& progress,
                                             const TimingOptions& options, int calibrationNets,
                                             int rounds) {
    std::optional<LatencyTable> cached = LutCache::load();
    const LatencyTable have = cached.value_or(LatencyTable{});
    const auto missing = have.missing(space);
    // New block timings make an old calibration stale: it was fitted to the others.
    const bool calibrate =
        calibrationNets > 0 && (!missing.empty() || !have.calibratedFor(space.name));
    if (missing.empty() && cached && !calibrate)
        return cached;
    // One progress bar over both phases: the blocks, then the passes over the whole nets.
    const size_t calibrationSteps =
        calibrate ? size_t(LutCheckOptions::kDefaultPasses) * size_t(calibrationNets) : 0;
    const size_t blockSteps = missing.size() * static_cast<size_t>(rounds);
    const size_t total = blockSteps + calibrationSteps;
    auto phase = [&](size_t offset) -> MeasureProgress {
        if (!progress)
            return {};
        return [&progress, offset, total](size_t done, size_t, const std::string& what) {
            if (what.empty() && offset + done < total)
                return true; // the end of a phase is not the end of the whole
            return progress(offset + done, total, what);
        };
    };
    if (!missing.empty()) {
        const MeasureResult r = LutMeasurer(options, rounds).measure(space, missing, phase(0));
        // On the cached table's time basis (LutRebase): the blocks it holds were timed at the
        // speed its anchor records, these at today's.
        if (r.measured > 0)
            LutCache::store(LutRebase::onto(space, have, r.table).table);
        if (r.cancelled)
            return std::nullopt;
    }
    if (calibrate) {
        LutCalibrateOptions o;
        o.archs = calibrationNets;
        o.timing = options;
        const auto result =
            LutCalibrator::calibrate(space, *LutCache::load(), o, phase(blockSteps));
        if (!result)
            return std::nullopt;
        LutCache::storeCalibration(space.name, result->calibration, result->anchor);
    }
    return LutCache::load();
}

} // namespace dnas
