// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/SearchCommand.h"
#include "cli/CliOutput.h"
#include "cli/CommandParser.h"
#include "cli/ConsoleProgress.h"
#include "cli/DistOptions.h"
#include "cli/LocalLauncher.h"
#include "cli/SearchRunner.h"
#include "engine/cost/LutCache.h"
#include "engine/cost/LutMeasurer.h"
#include "engine/search/CostTable.h"
#include "engine/search/Searcher.h"
#include "engine/search/Study.h"
#include "engine/util/DnasError.h"

#include <ctime>

namespace dnas::cli {

namespace {
constexpr double kMicrosecondsPerMs = 1000.0; // LUT latencies are in µs, targets given in ms
// A quantile of 0 or 1 is the cheapest or dearest net, which --target names more plainly.
constexpr double kMinQuantile = 0.001;
constexpr double kMaxQuantile = 0.999;
constexpr double kPercent = 100.0;

std::string defaultRunDir(const std::string& name) {
    char stamp[32];
    const std::time_t now = std::time(nullptr);
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", std::localtime(&now));
    return "runs/" + name + "-" + stamp;
}

// The cost the search will steer to, beside the space's range under the same table, so that a
// quantile's cost or a target in the wrong unit is seen before minutes of training. Nothing
// when the table cannot be built: the search itself then says why.
void printTarget(const Study& study) {
    const SearchSettings& s = study.settings;
    if (!s.steersToTarget())
        return;
    try {
        const CostTable costs = CostTable::forStudy(study);
        const std::string unit = " " + study.cost.unit();
        std::string line = "target " + fixed(costs.targetOf(s), 1) + unit;
        if (!(s.target > 0.0))
            line += " (" + fixed(kPercent * s.target_quantile, 1) + " % of random nets cost less)";
        printLine(line + ", the space " + fixed(costs.minCost(), 1) + "-" +
                  fixed(costs.maxCost(), 1) + unit);
    } catch (const std::exception&) {
    }
}
} // namespace

int SearchCommand::run(const QStringList& args) {
    CommandParser p(args.value(0), "Run FBNet's differentiable architecture search. The run folder "
                                   "(study.json, metrics.jsonl, theta.jsonl, samples.jsonl, "
                                   "checkpoint.pt, final/) can be opened in dnas-studio.");
    p.addPositional("study", "A *.study.json file or a shipped study name (fmnist).", true);
    p.addOption("space", "SPACE", "Search space preset or file (instead of a study).");
    p.addOption("data", "DIR", "Dataset folder: IDX, CIFAR binary or image folder.");
    p.addOption("lut", "LUT", "Latency table: built-in name, file, or 'auto' (this machine).");
    p.addOption("cost", "KIND", "Cost model: latency, energy, macs or params.");
    p.addOption("epochs", "N", "Search epochs.");
    p.addOption("warmup", "N", "Warm-up epochs that train the weights only.");
    p.addOption("batch", "B", "Batch size.");
    p.addOption("limit", "N", "Use only the first N training images.");
    p.addOption("seed", "S", "Random seed.");
    p.addOption("mode", "MODE",
                "faithful (all paths), sampled (hard Gumbel, one path) or two-path (one path for "
                "w, two compared for theta).");
    p.addOption("share-kernels", "BOOL",
                "Candidates of a layer share kernels: k3 inside k5, e3 inside e6 (yes/no).");
    p.addOption("threads", "T", "CPU threads (default: all cores).");
    p.addOption("loss", "LOSS",
                "multiplicative (FBNet's CE·α·log(LAT)^β), additive, or target (the study's "
                "target, or one of the target options, which imply it).");
    p.addOption("target-latency", "MS",
                "Steer the search to this latency (ms) and deliver a net within the study's "
                "target tolerance (default 5 %) of it; needs a latency cost model.");
    p.addOption("target", "COST",
                "Steer to this cost in the cost model's unit (us, uJ, MMAC or Kparams).");
    p.addOption("target-quantile", "Q",
                "Steer to the cost below which the share Q of uniformly random nets of the "
                "space lie on the study's cost table (0.15: faster than 85 % of the space).");
    p.addOption("lambda", "L",
                "Weight of the target term, CE + L·|cost/target − 1| (additive: CE + L·cost/T).");
    p.addOption("finalists", "K",
                "End by fine-tuning the found net and K - 1 nets drawn from its cost band "
                "alone from the supernet's weights, and deliver the best (0: off).");
    p.addOption("finalist-steps", "N", "Fine-tune steps per finalist (default 100).");
    p.addOption("theta-lr", "LR", "Learning rate of the architecture parameters (Adam).");
    p.addOption("tau-end", "T", "Gumbel temperature reached at the last search epoch.");
    p.addOption("dist-batch-norm", "SYNC",
                "Data-parallel batch norm: global (statistics of the whole batch, as one "
                "process; two all-reduces per batch norm) or local (each process its own "
                "shard, as DDP; running statistics averaged every epoch).");
    p.addOption("bucket-mb", "MB", "Data-parallel gradient all-reduce bucket size (default 25).");
    p.addOption("out", "DIR", "Run folder to create (default: runs/<study>-<time>).", "o");
    p.addFlag("json-progress", "Print one JSON object per event instead of a progress line.");
    DistOptions::addTo(p);
    p.setEpilog("Examples:\n  dnas search fmnist --epochs 10 --out runs/fmnist\n"
                "  dnas search fmnist --nproc 2 --out runs/fmnist2   # data-parallel\n"
                "  dnas search fmnist --target-latency 0.9 --out runs/fast   # net of ~0.9 ms\n"
                "  dnas search fmnist --target-quantile 0.15   # faster than 85 % of the space\n"
                "  dnas search --space fbnet-cifar --data /data/cifar-10 --lut "
                "hw-nas-bench/pixel3-cifar100 --out runs/pixel3\n");
    if (!p.parse(args))
        return kExitOk;
    const DistOptions dist(p);
    Study study;
    if (!p.positional(0).empty()) {
        study = Study::load(p.positional(0));
    } else {
        if (!p.isSet("space") || !p.isSet("data"))
            throw DnasError("", "", "give a study, or --space and --data");
        study = Study::defaultStudy();
        study.name = "search";
        study.space_ref = p.value("space");
        study.space = SearchSpace::load(study.space_ref);
        study.dataset = {{"path", p.value("data")}};
        study.source = "command line";
    }
    if (p.isSet("cost"))
        study.cost.kind = p.value("cost");
    if (p.isSet("lut")) {
        study.cost.lut = p.value("lut");
        if (!p.isSet("cost") && !study.cost.usesLut())
            study.cost.kind = "latency";
    }
    study.cost = CostSpec::fromJson(study.cost.toJson(), "command line");
    SearchSettings& s = study.settings;
    if (auto v = p.intValue("epochs", 1, 100000))
        s.epochs = *v;
    if (auto v = p.intValue("warmup", 0, 100000))
        s.warmup_epochs = *v;
    if (auto v = p.intValue("batch", 1, 65536))
        s.batch_size = *v;
    if (auto v = p.intValue("limit", 1, 2000000000))
        s.limit = *v;
    if (auto v = p.intValue("seed", 0, 2000000000))
        s.seed = static_cast<uint64_t>(*v);
    if (auto v = p.intValue("threads", 0, 1024))
        s.threads = *v;
    if (p.isSet("mode"))
        s.mode = parseSearchMode(p.value("mode"), "command line");
    if (p.isSet("dist-batch-norm"))
        s.dist_batch_norm = parseBatchNormSync(p.value("dist-batch-norm"), "command line");
    if (auto v = p.doubleValue("bucket-mb", 1e-6, 4096.0))
        s.dist_bucket_mb = *v;
    if (auto v = p.boolValue("share-kernels"))
        s.share_kernels = *v;
    if (auto v = p.intValue("finalists", 0, 1000))
        s.finalists = *v; // check() below names the allowed range
    if (auto v = p.intValue("finalist-steps", 1, 1000000))
        s.finalist_steps = *v;
    if (auto v = p.doubleValue("theta-lr", 1e-9, 100.0))
        s.theta_lr = *v;
    if (auto v = p.doubleValue("tau-end", 1e-6, 1000.0))
        s.tau_end = *v;
    if (auto v = p.doubleValue("lambda", 0.0, 1e6))
        s.lambda = *v;
    const int targets = static_cast<int>(p.isSet("target-latency")) +
                        static_cast<int>(p.isSet("target")) +
                        static_cast<int>(p.isSet("target-quantile"));
    if (targets > 1)
        throw DnasError("command line", "--target",
                        "give one of --target-latency, --target and --target-quantile");
    if (p.isSet("loss")) {
        s.loss = parseLossKind(p.value("loss"), "command line");
        if (targets > 0 && s.loss != LossKind::Target)
            throw DnasError("command line", "--loss",
                            p.value("loss") + " does not steer to a target; leave --loss out "
                                              "with --target-latency, --target or "
                                              "--target-quantile");
    }
    if (auto v = p.doubleValue("target-quantile", kMinQuantile, kMaxQuantile))
        s.steerToQuantile(*v);
    if (auto v = p.doubleValue("target-latency", 1e-6, 1e9)) {
        if (study.cost.kind != "latency")
            throw DnasError("command line", "--target-latency",
                            "the cost model is " + study.cost.kind + "; use --target in its unit");
        s.steerTo(*v * kMicrosecondsPerMs);
    }
    if (auto v = p.doubleValue("target", 1e-9, 1e12))
        s.steerTo(*v);
    s.check("command line");
    const std::string out = p.isSet("out") ? p.value("out") : defaultRunDir(study.name);
    if (study.cost.usesLut() && study.cost.lut == LutCache::kAuto) {
        // "Measured on first use, then cached": only the blocks the cache lacks are timed.
        ConsoleProgress progress("measuring this machine's LUT");
        TimingOptions timing;
        timing.threads = s.threads;
        ensureMachineLut(study.space, std::ref(progress), timing);
    }
    if (dist.launches()) {
        if (s.batch_size % dist.nproc() != 0)
            throw DnasError("command line", "--batch",
                            std::to_string(s.batch_size) + " does not split over " +
                                std::to_string(dist.nproc()) + " processes");
        // The ranks share one folder (rank 0 writes it): name it, rather than a stamp each.
        return LocalLauncher(dist.nproc(), dist.settings().timeout_s)
            .run("search", DistOptions::withoutNproc(args.mid(1)) +
                               QStringList{"--out", QString::fromStdString(out)});
    }
    if (!p.isSet("json-progress"))
        printTarget(study);
    Searcher searcher(study, out, dist.settings());
    return runSearchInConsole(searcher, p.isSet("json-progress"));
}

int ResumeCommand::run(const QStringList& args) {
    CommandParser p(args.value(0), "Continue a stopped or killed search from its last checkpoint. "
                                   "The result equals an uninterrupted run with the same seed.");
    p.addPositional("run", "The run folder.");
    p.addFlag("json-progress", "Print one JSON object per event instead of a progress line.");
    DistOptions::addTo(p);
    if (!p.parse(args))
        return kExitOk;
    const DistOptions dist(p);
    if (dist.launches())
        return LocalLauncher(dist.nproc(), dist.settings().timeout_s)
            .run("resume", DistOptions::withoutNproc(args.mid(1)));
    auto searcher = Searcher::resume(p.positional(0), dist.settings());
    return runSearchInConsole(*searcher, p.isSet("json-progress"));
}

} // namespace dnas::cli
