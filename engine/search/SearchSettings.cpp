// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/search/SearchSettings.h"
#include "engine/util/DnasError.h"
#include "engine/util/JsonFile.h"

#include <array>
#include <cmath>
#include <nlohmann/json.hpp>
#include <utility>

namespace dnas {

namespace {
// Each finalist costs a fine-tune of its own; past a few dozen the search would be mostly that.
constexpr int kMaxFinalists = 64;
// A fine-tune starts from trained weights: a tenth of the search's w rate moves them without
// undoing what the supernet learned.
constexpr double kFineTuneLrShare = 0.1;
// Each enum's words, in the order the error message lists them.
template <class E, size_t N> using Words = std::array<std::pair<E, const char*>, N>;
constexpr Words<TauSchedule, 2> kTauSchedules{
    {{TauSchedule::Anneal, "anneal"}, {TauSchedule::PerEpoch, "per-epoch"}}};
constexpr Words<LossKind, 3> kLosses{{{LossKind::Multiplicative, "multiplicative"},
                                      {LossKind::Additive, "additive"},
                                      {LossKind::Target, "target"}}};
constexpr Words<SearchMode, 3> kModes{{{SearchMode::Faithful, "faithful"},
                                       {SearchMode::Sampled, "sampled"},
                                       {SearchMode::TwoPath, "two-path"}}};
constexpr Words<WarmupPaths, 4> kWarmupPaths{{{WarmupPaths::Largest, "largest"},
                                              {WarmupPaths::Uniform, "uniform"},
                                              {WarmupPaths::Progressive, "progressive"},
                                              {WarmupPaths::LargestSwap, "largest-swap"}}};
constexpr Words<WeightPaths, 3> kWeightPaths{{{WeightPaths::Sampled, "sampled"},
                                              {WeightPaths::Largest, "largest"},
                                              {WeightPaths::LargestSwap, "largest-swap"}}};
constexpr Words<BatchNormSync, 2> kBatchNormSyncs{
    {{BatchNormSync::Global, "global"}, {BatchNormSync::Local, "local"}}};
constexpr double kMaxBucketMb = 4096.0; // far above any supernet's gradients

template <class E, size_t N> const char* wordOf(const Words<E, N>& words, E value) {
    for (const auto& [v, word] : words)
        if (v == value)
            return word;
    return "?";
}

// "must be \"a\", \"b\" or \"c\"" for any other word.
template <class E, size_t N>
E valueOf(const Words<E, N>& words, const std::string& word, const std::string& file,
          const char* key) {
    for (const auto& [value, w] : words)
        if (w == word)
            return value;
    std::string choices;
    for (size_t i = 0; i < N; ++i) {
        if (i > 0)
            choices += i + 1 == N ? " or " : ", ";
        choices += '"' + std::string(words[i].second) + '"';
    }
    throw DnasError(file, std::string("settings.") + key, "must be " + choices);
}
} // namespace

const char* toString(TauSchedule schedule) {
    return wordOf(kTauSchedules, schedule);
}
const char* toString(LossKind loss) {
    return wordOf(kLosses, loss);
}
const char* toString(SearchMode mode) {
    return wordOf(kModes, mode);
}
const char* toString(WarmupPaths paths) {
    return wordOf(kWarmupPaths, paths);
}

const char* toString(WeightPaths paths) {
    return wordOf(kWeightPaths, paths);
}
const char* toString(BatchNormSync sync) {
    return wordOf(kBatchNormSyncs, sync);
}

TauSchedule parseTauSchedule(const std::string& word, const std::string& file) {
    return valueOf(kTauSchedules, word, file, "tau_schedule");
}
LossKind parseLossKind(const std::string& word, const std::string& file) {
    return valueOf(kLosses, word, file, "loss");
}
SearchMode parseSearchMode(const std::string& word, const std::string& file) {
    return valueOf(kModes, word, file, "mode");
}
WarmupPaths parseWarmupPaths(const std::string& word, const std::string& file) {
    return valueOf(kWarmupPaths, word, file, "warmup_paths");
}

WeightPaths parseWeightPaths(const std::string& word, const std::string& file) {
    return valueOf(kWeightPaths, word, file, "w_paths");
}
BatchNormSync parseBatchNormSync(const std::string& word, const std::string& file) {
    return valueOf(kBatchNormSyncs, word, file, "dist_batch_norm");
}

int SearchSettings::warmupEpochs() const {
    if (warmup_epochs >= 0)
        return std::min(warmup_epochs, epochs);
    return std::max(1, static_cast<int>(std::lround(epochs * 0.1)));
}

int SearchSettings::searchEpochs() const {
    return epochs - warmupEpochs();
}

double SearchSettings::temperatureAt(int epoch) const {
    epoch = std::max(0, epoch);
    if (tau_schedule == TauSchedule::PerEpoch)
        return tau0 * std::pow(tau_decay, epoch);
    const int last = searchEpochs() - 1;
    if (last <= 0)
        return tau0;
    const double progress = std::min(1.0, static_cast<double>(epoch) / last);
    return tau0 * std::pow(tau_end / tau0, progress);
}

double SearchSettings::wLearningRate() const {
    return w_lr * batch_size / 256.0;
}

double SearchSettings::finalistLearningRate() const {
    return finalist_lr > 0.0 ? finalist_lr : kFineTuneLrShare * wLearningRate();
}

void SearchSettings::steerTo(double cost) {
    loss = LossKind::Target;
    target = cost;
    target_quantile = 0.0;
}

void SearchSettings::steerToQuantile(double q) {
    loss = LossKind::Target;
    target = 0.0; // a cost would win over the quantile
    target_quantile = q;
}

nlohmann::json SearchSettings::toJson() const {
    return {{"epochs", epochs},
            {"warmup_epochs", warmup_epochs},
            {"batch_size", batch_size},
            {"w_lr", w_lr},
            {"w_momentum", w_momentum},
            {"w_weight_decay", w_weight_decay},
            {"theta_lr", theta_lr},
            {"theta_weight_decay", theta_weight_decay},
            {"tau0", tau0},
            {"tau_schedule", toString(tau_schedule)},
            {"tau_end", tau_end},
            {"tau_decay", tau_decay},
            {"loss", toString(loss)},
            {"alpha", alpha},
            {"beta", beta},
            {"lambda", lambda},
            {"target", target},
            {"target_tolerance", target_tolerance},
            {"target_quantile", target_quantile},
            {"target_dual_lr", target_dual_lr},
            {"mode", toString(mode)},
            {"share_kernels", share_kernels},
            {"warmup_paths", toString(warmup_paths)},
            {"w_paths", toString(w_paths)},
            {"progressive_decisions", progressive_decisions},
            {"decision_delay", decision_delay},
            {"decision_margin", decision_margin},
            {"samples_per_epoch", samples_per_epoch},
            {"finalists", finalists},
            {"finalist_steps", finalist_steps},
            {"finalist_lr", finalist_lr},
            {"seed", seed},
            {"limit", limit},
            {"eval_limit", eval_limit},
            {"w_fraction", w_fraction},
            {"threads", threads},
            {"dist_batch_norm", toString(dist_batch_norm)},
            {"dist_bucket_mb", dist_bucket_mb}};
}

SearchSettings SearchSettings::fromJson(const nlohmann::json& j, const std::string& file) {
    SearchSettings s;
    if (!j.is_object())
        throw DnasError(file, "settings", "expected an object");
    const nlohmann::json defaults = s.toJson();
    for (const auto& [key, value] : j.items())
        if (!defaults.contains(key))
            throw DnasError(file, "settings." + key, "unknown setting");
    JsonReader r(j, file, "settings");
    s.epochs = r.getInt("epochs", s.epochs);
    s.warmup_epochs = r.getInt("warmup_epochs", s.warmup_epochs);
    s.batch_size = r.getInt("batch_size", s.batch_size);
    s.w_lr = r.getDouble("w_lr", s.w_lr);
    s.w_momentum = r.getDouble("w_momentum", s.w_momentum);
    s.w_weight_decay = r.getDouble("w_weight_decay", s.w_weight_decay);
    s.theta_lr = r.getDouble("theta_lr", s.theta_lr);
    s.theta_weight_decay = r.getDouble("theta_weight_decay", s.theta_weight_decay);
    s.tau0 = r.getDouble("tau0", s.tau0);
    s.tau_schedule = parseTauSchedule(r.getString("tau_schedule", toString(s.tau_schedule)), file);
    s.tau_end = r.getDouble("tau_end", s.tau_end);
    s.tau_decay = r.getDouble("tau_decay", s.tau_decay);
    s.loss = parseLossKind(r.getString("loss", toString(s.loss)), file);
    s.alpha = r.getDouble("alpha", s.alpha);
    s.beta = r.getDouble("beta", s.beta);
    s.lambda = r.getDouble("lambda", s.lambda);
    s.target = r.getDouble("target", s.target);
    s.target_tolerance = r.getDouble("target_tolerance", s.target_tolerance);
    s.target_quantile = r.getDouble("target_quantile", s.target_quantile);
    s.target_dual_lr = r.getDouble("target_dual_lr", s.target_dual_lr);
    s.mode = parseSearchMode(r.getString("mode", toString(s.mode)), file);
    s.share_kernels = r.getBool("share_kernels", s.share_kernels);
    s.warmup_paths = parseWarmupPaths(r.getString("warmup_paths", toString(s.warmup_paths)), file);
    s.w_paths = parseWeightPaths(r.getString("w_paths", toString(s.w_paths)), file);
    s.progressive_decisions = r.getBool("progressive_decisions", s.progressive_decisions);
    s.decision_delay = r.getInt("decision_delay", s.decision_delay);
    s.decision_margin = r.getDouble("decision_margin", s.decision_margin);
    s.samples_per_epoch = r.getInt("samples_per_epoch", s.samples_per_epoch);
    s.finalists = r.getInt("finalists", s.finalists);
    s.finalist_steps = r.getInt("finalist_steps", s.finalist_steps);
    s.finalist_lr = r.getDouble("finalist_lr", s.finalist_lr);
    if (r.has("seed")) {
        if (!j["seed"].is_number_unsigned())
            r.fail("seed", "expected a non-negative integer");
        s.seed = j["seed"].get<uint64_t>();
    }
    if (r.has("limit"))
        s.limit = r.getInt("limit");
    if (r.has("eval_limit"))
        s.eval_limit = r.getInt("eval_limit");
    s.w_fraction = r.getDouble("w_fraction", s.w_fraction);
    s.threads = r.getInt("threads", s.threads);
    s.dist_batch_norm =
        parseBatchNormSync(r.getString("dist_batch_norm", toString(s.dist_batch_norm)), file);
    s.dist_bucket_mb = r.getDouble("dist_bucket_mb", s.dist_bucket_mb);
    s.check(file);
    return s;
}

void SearchSettings::check(const std::string& file) const {
    auto bad = [&](const char* key, const std::string& why) {
        throw DnasError(file, std::string("settings.") + key, why);
    };
    if (epochs < 1 || epochs > 100000)
        bad("epochs", "must be in 1..100000");
    if (warmup_epochs < -1 || warmup_epochs > epochs)
        bad("warmup_epochs", "must be -1..epochs");
    if (batch_size < 1 || batch_size > 65536)
        bad("batch_size", "must be in 1..65536");
    if (!(w_lr > 0.0) || !std::isfinite(w_lr))
        bad("w_lr", "must be > 0");
    if (!(theta_lr > 0.0) || !std::isfinite(theta_lr))
        bad("theta_lr", "must be > 0");
    if (!(tau0 > 0.0))
        bad("tau0", "must be > 0");
    if (!(tau_decay > 0.0 && tau_decay <= 1.0))
        bad("tau_decay", "must be in (0, 1]");
    if (!(tau_end > 0.0 && tau_end <= tau0))
        bad("tau_end", "must be in (0, tau0]");
    if (!(target >= 0.0) || !std::isfinite(target))
        bad("target", "must be >= 0");
    if (!(target_quantile >= 0.0 && target_quantile < 1.0))
        bad("target_quantile", "must be in [0, 1) (0: off)");
    if (steersToTarget() && !(target > 0.0) && !(target_quantile > 0.0))
        bad("target", "the \"target\" loss needs a target cost > 0 (in the cost model's unit) "
                      "or a target_quantile");
    if (!(target_tolerance > 0.0 && target_tolerance < 0.5))
        bad("target_tolerance", "must be in (0, 0.5)");
    if (!(lambda >= 0.0) || !std::isfinite(lambda))
        bad("lambda", "must be >= 0 (a negative weight would push the cost away from the target)");
    if (!(target_dual_lr >= 0.0) || !std::isfinite(target_dual_lr))
        bad("target_dual_lr", "must be >= 0");
    if (samples_per_epoch < 0 || samples_per_epoch > 1000)
        bad("samples_per_epoch", "0..1000");
    if (decision_delay < 0 || decision_delay > epochs)
        bad("decision_delay", "must be in 0..epochs");
    if (!(decision_margin >= 0.0 && decision_margin < 1.0))
        bad("decision_margin", "must be in [0, 1)");
    if (finalists < 0 || finalists > kMaxFinalists)
        bad("finalists", "must be in 0.." + std::to_string(kMaxFinalists));
    if (finalist_steps < 1 || finalist_steps > 1000000)
        bad("finalist_steps", "must be in 1..1000000");
    if (!(finalist_lr >= 0.0) || !std::isfinite(finalist_lr))
        bad("finalist_lr", "must be >= 0 (0: a tenth of the w learning rate)");
    if (!(w_fraction > 0.05 && w_fraction < 0.95))
        bad("w_fraction", "must be in (0.05, 0.95)");
    if (limit < 0)
        bad("limit", "must be >= 0");
    if (eval_limit < 0)
        bad("eval_limit", "must be >= 0");
    if (threads < 0 || threads > 1024)
        bad("threads", "must be in 0..1024");
    if (w_paths != WeightPaths::Sampled && (mode == SearchMode::Faithful || !share_kernels))
        bad("w_paths", std::string("\"") + toString(w_paths) +
                           "\" needs a one-path mode and share_kernels: without shared kernels "
                           "the other candidates would never be trained");
    if (!(dist_bucket_mb > 0.0 && dist_bucket_mb <= kMaxBucketMb))
        bad("dist_bucket_mb", "must be in (0, 4096]");
}

} // namespace dnas
