// SPDX-License-Identifier: GPL-3.0-or-later
// Images/s of the engine's own search step, for the C++ vs Python comparison that
// bench/compare_search_step.py runs (issue #8). It drives the real Searcher::run on a one-epoch
// study (no warm-up epoch, so both the w pass and the θ pass run) and times the steps that the
// searcher reports through SearchObserver::onStep, so the figures are those of the product's
// step code in either mode, including its batch assembly (gather, augmentation, normalisation).
//
//   search_step_bench [--space fbnet-fmnist] [--mode faithful|sampled] [--batch 128]
//                     [--warmup 2] [--steps 5] [--threads 2] [--seed 1] [--share-kernels no]
//                     [--fused-bn yes]   (no: ATen's batch_norm + relu_, DNAS_FUSED_BATCHNORM=0)
//                     [--data /usr/share/datasets/fashion-mnist]
//   search_step_bench --space NAME --costs-out FILE    (the MAC cost table, for the reference)
//
// Prints one JSON object: w_img_s, theta_img_s (wall clock), w_img_cpu_s, theta_img_cpu_s (per
// CPU second of the process), peak_rss_mb, params and the settings used.
#include "engine/nn/Supernet.h"
#include "engine/search/CostTable.h"
#include "engine/search/Searcher.h"
#include "engine/search/StopPauseToken.h"

#include "engine/search/Study.h"
#include "engine/util/DnasError.h"
#include "engine/util/JsonFile.h"
#include "engine/util/TorchSetup.h"
#include <torch/csrc/autograd/profiler_legacy.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <sys/resource.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {
constexpr double kThetaShare = 0.5;   // w/θ split of the bench study: equal step counts
constexpr double kValShare = 0.05;    // SearchData holds this much out of both splits
constexpr int64_t kSpareImages = 8;   // rounding slack so both splits keep their full batches
constexpr int64_t kEvalLimit = 64;    // the bench stops before any evaluation; keep it small
constexpr double kKibPerMib = 1024.0; // ru_maxrss is in KiB on Linux

struct Options {
    std::string space = "fbnet-fmnist";
    std::string mode = "faithful";
    std::string data = "/usr/share/datasets/fashion-mnist";
    std::string costsOut;
    bool shareKernels = false;
    bool fusedBn = true;
    int batch = 128;
    int warmup = 2;
    int steps = 5;
    int threads = 2;
    uint64_t seed = 1;
};

Options parse(int argc, char** argv) {
    Options o;
    std::map<std::string, std::string> values;
    for (int i = 1; i < argc; ++i) {
        const std::string key = argv[i];
        if (key.rfind("--", 0) != 0 || i + 1 >= argc)
            throw dnas::DnasError("", key, "expected --option value (see the header of this file)");
        values[key.substr(2)] = argv[++i];
    }
    auto integer = [&](const char* key, int& out, int lo) {
        if (!values.count(key))
            return;
        out = std::stoi(values.at(key));
        if (out < lo)
            throw dnas::DnasError("", std::string("--") + key, "must be >= " + std::to_string(lo));
    };
    for (const auto& [key, value] : values) {
        if (key == "space")
            o.space = value;
        else if (key == "mode")
            o.mode = value;
        else if (key == "data")
            o.data = value;
        else if (key == "costs-out")
            o.costsOut = value;
        else if (key == "share-kernels" || key == "fused-bn") {
            if (value != "yes" && value != "no")
                throw dnas::DnasError("", "--" + key, "expected yes or no, got " + value);
            (key == "fused-bn" ? o.fusedBn : o.shareKernels) = value == "yes";
        } else if (key == "seed")
            o.seed = std::stoull(value);
        else if (key != "batch" && key != "warmup" && key != "steps" && key != "threads")
            throw dnas::DnasError("", "--" + key, "unknown option");
    }
    integer("batch", o.batch, 1);
    integer("warmup", o.warmup, 0);
    integer("steps", o.steps, 1);
    integer("threads", o.threads, 1);
    return o;
}

// CPU seconds of the whole process (all threads): on a shared machine the work itself, without
// the waits for a core that swing the wall clock.
double processCpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Sums the step times the searcher reports, after `warmup` steps of each phase, and stops the
// search once the θ pass has had its timed steps (so no evaluation or sampling runs).
class StepClock : public dnas::SearchObserver {
  public:
    StepClock(int batch, int warmup, int steps, dnas::StopPauseToken& control)
        : batch_(batch), warmup_(warmup), steps_(steps), control_(control) {}

    void onStarted(int, int) override { lastCpu_ = processCpuSeconds(); }
    void onStep(const dnas::StepMetrics& m) override {
        const double cpu = processCpuSeconds();
        const bool theta = m.phase == dnas::StepPhase::Theta;
        Phase& p = theta ? theta_ : w_;
        const int index = p.seen++;
        if (index >= warmup_ && index < warmup_ + steps_) {
            // Every step is a full batch (SearchData drops the remainder); the searcher
            // reports images_per_s = batch / step seconds.
            p.images += batch_;
            p.seconds += batch_ / m.images_per_s;
            // CPU time since the previous report: the step plus the searcher's own logging.
            p.cpuSeconds += cpu - lastCpu_;
            ++p.timed;
        }
        lastCpu_ = processCpuSeconds();
        if (theta && p.seen >= warmup_ + steps_)
            control_.requestStop();
    }
    struct Phase {
        int seen = 0;
        int timed = 0;
        double images = 0.0;
        double seconds = 0.0;
        double cpuSeconds = 0.0;
        double rate() const { return seconds > 0.0 ? images / seconds : 0.0; }
        double cpuRate() const { return cpuSeconds > 0.0 ? images / cpuSeconds : 0.0; }
    };
    const Phase& w() const { return w_; }
    const Phase& theta() const { return theta_; }

  private:
    int batch_, warmup_, steps_;
    double lastCpu_ = 0.0;
    dnas::StopPauseToken& control_;
    Phase w_, theta_;
};

nlohmann::json costTableJson(const dnas::SearchSpace& space) {
    dnas::CostSpec spec;
    spec.kind = "macs";
    const dnas::CostTable t = dnas::CostTable::build(space, spec, nullptr);
    return {{"format", "dnas-cost-table/1"},
            {"space", space.name},
            {"kind", t.kind},
            {"unit", t.unit},
            {"fixed", t.fixed},
            {"per_layer", t.per_layer}};
}

// The smallest training subset whose w and θ splits both hold warmup + steps full batches.
int64_t imagesNeeded(const Options& o) {
    const double perSplit = static_cast<double>(o.batch) * (o.warmup + o.steps);
    return static_cast<int64_t>(std::ceil(perSplit / kThetaShare / (1.0 - kValShare))) +
           kSpareImages;
}

dnas::Study benchStudy(const Options& o, const dnas::SearchSpace& space) {
    dnas::Study st;
    st.name = "search-step-bench";
    st.space = space;
    st.dataset = {{"kind", "idx"}, {"path", o.data}};
    st.cost.kind = "macs"; // a LUT would be measured first; the step costs the same either way
    st.settings.epochs = 1;
    st.settings.warmup_epochs = 0;
    st.settings.batch_size = o.batch;
    st.settings.mode = dnas::parseSearchMode(o.mode, "command line");
    st.settings.share_kernels = o.shareKernels;
    st.settings.limit = imagesNeeded(o);
    st.settings.eval_limit = kEvalLimit;
    st.settings.samples_per_epoch = 0;
    st.settings.w_fraction = 1.0 - kThetaShare;
    st.settings.threads = o.threads;
    st.settings.seed = o.seed;
    return st;
}

int64_t parameterCount(const dnas::SearchSpace& space, bool shareKernels) {
    dnas::Supernet net(space, shareKernels);
    int64_t n = 0;
    for (const auto& p : net->parameters())
        n += p.numel();
    return n;
}

double peakRssMb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / kKibPerMib;
}

int run(const Options& o) {
    const dnas::SearchSpace space = dnas::SearchSpace::load(o.space);
    if (!o.costsOut.empty()) {
        dnas::writeJsonFileAtomic(o.costsOut, costTableJson(space));
        return 0;
    }
    const fs::path dir =
        fs::temp_directory_path() / ("dnas-search-step-bench-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    if (!o.fusedBn)
        setenv("DNAS_FUSED_BATCHNORM", "0", 1); // read on first use
    dnas::StopPauseToken control;
    StepClock clock(o.batch, o.warmup, o.steps, control);
    try {
        dnas::Searcher searcher(benchStudy(o, space), dir.string());
        // DNAS_PROFILE_TRACE=FILE: the autograd profiler's per-op trace of the whole run.
        std::unique_ptr<torch::autograd::profiler::RecordProfile> profile;
        if (const char* trace = std::getenv("DNAS_PROFILE_TRACE"))
            profile = std::make_unique<torch::autograd::profiler::RecordProfile>(trace);
        searcher.run(clock, control);
    } catch (...) {
        fs::remove_all(dir);
        throw;
    }
    fs::remove_all(dir);
    const double rss = peakRssMb(); // before the counting supernet below adds its own copy
    if (clock.w().timed != o.steps || clock.theta().timed != o.steps)
        throw dnas::DnasError("", "steps",
                              "timed " + std::to_string(clock.w().timed) + " w and " +
                                  std::to_string(clock.theta().timed) + " θ steps, wanted " +
                                  std::to_string(o.steps));
    const nlohmann::json out = {{"impl", "cpp"},
                                {"step", "Searcher::run"},
                                {"space", space.name},
                                {"mode", o.mode},
                                {"share_kernels", o.shareKernels},
                                {"fused_bn", o.fusedBn},
                                {"batch", o.batch},
                                {"threads", o.threads},
                                {"warmup", o.warmup},
                                {"steps", o.steps},
                                {"params", parameterCount(space, o.shareKernels)},
                                {"w_img_s", clock.w().rate()},
                                {"theta_img_s", clock.theta().rate()},
                                {"w_img_cpu_s", clock.w().cpuRate()},
                                {"theta_img_cpu_s", clock.theta().cpuRate()},
                                {"peak_rss_mb", rss},
                                {"blas", dnas::blasInUse()}};
    std::cout << out.dump() << std::endl;
    return 0;
}
} // namespace

int main(int argc, char** argv) {
    try {
        return run(parse(argc, argv));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "search_step_bench: %s\n", e.what());
        return 2;
    }
}
