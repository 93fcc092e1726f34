// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>

namespace dnas {

// The string-valued settings, parsed once where the settings are read (fromJson, the command
// line, the GUI's combo boxes); toString gives the word the settings file uses.
enum class TauSchedule { Anneal, PerEpoch };              // "anneal", "per-epoch"
enum class LossKind { Multiplicative, Additive, Target }; // "multiplicative", "additive", "target"
enum class SearchMode { Faithful, Sampled, TwoPath };     // "faithful", "sampled", "two-path"
// "largest", "uniform", "progressive", "largest-swap"
enum class WarmupPaths { Largest, Uniform, Progressive, LargestSwap };
enum class WeightPaths { Sampled, Largest, LargestSwap }; // "sampled", "largest", "largest-swap"
enum class BatchNormSync { Global, Local };               // "global", "local"

const char* toString(TauSchedule schedule);
const char* toString(LossKind loss);
const char* toString(SearchMode mode);
const char* toString(WarmupPaths paths);
const char* toString(WeightPaths paths);
const char* toString(BatchNormSync sync);
// Any other word is a DnasError naming `file` and the setting, as in a settings file:
// "file: settings.mode: must be \"faithful\", \"sampled\" or \"two-path\"".
TauSchedule parseTauSchedule(const std::string& word, const std::string& file);
LossKind parseLossKind(const std::string& word, const std::string& file);
SearchMode parseSearchMode(const std::string& word, const std::string& file);
WarmupPaths parseWarmupPaths(const std::string& word, const std::string& file);
WeightPaths parseWeightPaths(const std::string& word, const std::string& file);
BatchNormSync parseBatchNormSync(const std::string& word, const std::string& file);

// Every knob of the search, with FBNet's values as defaults (docs/architecture.md §4).
struct SearchSettings {
    int epochs = 90;
    int warmup_epochs = -1; // -1: 10% of epochs (paper: 10 of 90)
    int batch_size = 128;
    double w_lr = 0.1; // SGD, cosine decay; scaled by batch_size / 256
    double w_momentum = 0.9;
    double w_weight_decay = 1e-4;
    double theta_lr = 0.01; // Adam
    double theta_weight_decay = 5e-4;
    double tau0 = 5.0;
    // "anneal": τ falls geometrically from tau0 to tau_end at the last search epoch, whatever the
    // search's length (FBNet's 90 epochs of exp(-0.045) end near 0.1; a 10-epoch search annealed
    // per epoch would end at 3.3 and never sharpen). "per-epoch": τ = tau0 · tau_decay^epoch.
    TauSchedule tau_schedule = TauSchedule::Anneal;
    double tau_end = 0.1;
    double tau_decay = 0.956; // exp(-0.045), applied after every epoch ("per-epoch")
    // "multiplicative": CE·α·(log LAT)^β (FBNet); "additive": CE + λ·LAT/target;
    // "target": CE + λ·|LAT/target − 1| (TF-NAS), whose argmax is then repaired to the target.
    LossKind loss = LossKind::Multiplicative;
    double alpha = 0.2;
    double beta = 0.6;
    double lambda = 0.1;
    double target = 0.0;            // target cost, cost model's unit; additive: 0 = uniform mix
    double target_tolerance = 0.05; // "target": the delivered cost is within ±this of target
    // With target 0: the target is the cost below which this share of uniformly random
    // architectures lie on the study's cost table (CostTable::quantile; 0.15: faster than 85 %
    // of the space), so a study means the same on any machine's LUT. Resolved when the search
    // starts and kept as `target` in the run's own study. 0: off.
    double target_quantile = 0.0;
    // "target" with a step size > 0: λ becomes the Lagrange multiplier of LAT/T = 1, moved by
    // this step times (E[LAT]/T − 1) after every θ step (dual ascent) and the term is
    // λ·(LAT/T − 1): a persistent miss raises the price until the cost gives, where a fixed λ
    // lets a strong CE hold E[LAT] away from T. 0: the two-sided |LAT/T − 1| with λ fixed.
    // Other losses ignore it, so a study can keep it for `dnas search --target-latency`.
    double target_dual_lr = 0.0;
    // "faithful" (all paths, soft Gumbel), "sampled" (one path, hard Gumbel with straight-through
    // gradients, GDAS) or "two-path" (one path for w; for θ two candidates per layer compared,
    // ProxylessNAS's binary gates)
    SearchMode mode = SearchMode::Faithful;
    bool share_kernels = false; // Single-Path-style superkernels (k3 in k5, e3 in e6)
    // Warm-up paths of the one-path modes with shared kernels: "largest" (each layer's largest
    // candidate, whose kernels hold the nested ones: OFA's largest-first) or "uniform" (a path
    // drawn uniformly per step, SPOS) or "progressive" (largest for the first half of the
    // warm-up, uniform for the rest: OFA's progressive shrinking, so the candidates that share
    // no kernel with the largest one — skip, grouped — are trained before θ judges them) or
    // "largest-swap" (the largest path with one layer, drawn per step, switched to a uniformly
    // drawn candidate: every candidate learns in the context a one-layer change is judged in).
    // The faithful mode always runs every path.
    WarmupPaths warmup_paths = WarmupPaths::Largest;
    // Paths of the w steps after the warm-up, one-path modes: "sampled" (from softmax(θ),
    // ProxylessNAS) or "largest" (each open layer's largest candidate, a decided layer its
    // choice; needs shared kernels, through which every nested candidate is trained with it) or
    // "largest-swap" (as "largest", one layer a step switched to a uniformly drawn candidate).
    // A path that changes every step barely trains a supernet in the few hundred steps of a
    // short search (docs/search.md), so "sampled" undoes the warm-up while θ is still flat.
    WeightPaths w_paths = WeightPaths::Sampled;
    // Fix the most certain layers to their argmax after every search epoch, all of them by the
    // end (LayerDecisions); off: every layer stays open and the argmax is taken at the end.
    bool progressive_decisions = false;
    // Search epochs before the first progressive decision. After one search epoch θ is still
    // near uniform (largest probabilities 0.15-0.23 in the default study), so the first layer
    // decided then is close to a draw, and it differed from seed to seed (bench/README.md).
    int decision_delay = 0;
    // Before the last search epoch, an open layer is decided only once its top two
    // probabilities are at least this far apart; the schedule then says how many may be decided,
    // not how many must. The layers still open after the last epoch take their argmax. A margin
    // of 0.00-0.20 is where two seeds' first decisions differed (bench/README.md). 0: no gate.
    double decision_margin = 0.0;
    int samples_per_epoch = 6; // K sampled architectures (+ argmax) per epoch
    // After the last epoch: the delivered net and finalists − 1 others drawn uniformly from the
    // same cost band (the target's, else ±5 % of the argmax's cost) are each fine-tuned alone
    // from the supernet's weights for finalist_steps steps (PathFineTuner) and the best on the
    // validation slice is delivered. θ places the cost; a short fine-tune ranks nets of one cost
    // where raw one-shot scores do not (bench/README.md). 0 or 1: the argmax as it is.
    int finalists = 0;
    int finalist_steps = 100;
    double finalist_lr = 0.0; // first rate of the fine-tune, cosine to 0; 0: a tenth of w's
    uint64_t seed = 1;
    int64_t limit = 0;         // use only the first N training images (0: all)
    int64_t eval_limit = 2000; // validation images used to score each sample
    double w_fraction = 0.8;   // train split for w; the rest for θ
    int threads = 0;           // 0: all cores
    // Data-parallel runs only (docs/architecture.md §8). "global": batch norms normalise with
    // the statistics of the whole global batch (SyncBatchNorm: two all-reduces per batch norm
    // per step, the same trajectory as one process); "local": each rank's own shard, as DDP
    // without SyncBatchNorm (no such all-reduce; the running statistics are averaged over the
    // ranks at every epoch's end and checkpoint).
    BatchNormSync dist_batch_norm = BatchNormSync::Global;
    double dist_bucket_mb = 25.0; // gradient all-reduce buckets, MiB (DDP's default)

    int warmupEpochs() const;
    int searchEpochs() const;              // epochs after the warm-up
    double temperatureAt(int epoch) const; // τ used during search epoch `epoch` (0 = first)
    bool steersToTarget() const { return loss == LossKind::Target; }
    // The "target" loss towards this cost, which replaces any quantile.
    void steerTo(double cost);
    // The "target" loss towards the quantile q of the cost table, which replaces any cost.
    void steerToQuantile(double q);
    double wLearningRate() const;        // after batch scaling
    double finalistLearningRate() const; // finalist_lr, or its default when 0
    nlohmann::json toJson() const;
    // Unknown keys are an error naming the file and key: a typo must not silently do nothing.
    static SearchSettings fromJson(const nlohmann::json& j, const std::string& file);
    void check(const std::string& file) const;
};

} // namespace dnas
