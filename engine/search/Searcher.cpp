// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/search/Searcher.h"
#include "engine/data/SeededRng.h"
#include "engine/dist/DataParallel.h"
#include "engine/nn/Supernet.h"
#include "engine/search/ArchitectureSampler.h"
#include "engine/search/Checkpoint.h"
#include "engine/search/CostTable.h"
#include "engine/search/EqualCostSampler.h"
#include "engine/search/FinalistDraw.h"
#include "engine/search/GumbelMixer.h"
#include "engine/search/LayerDecisions.h"
#include "engine/search/PathFineTuner.h"
#include "engine/search/RunWriter.h"
#include "engine/search/SearchData.h"
#include "engine/search/SearchLoss.h"
#include "engine/search/SearchState.h"
#include "engine/search/SearchTypesJson.h"
#include "engine/search/StopPauseToken.h"
#include "engine/search/TargetRepair.h"
#include "engine/space/Architecture.h"
#include "engine/util/DnasError.h"
#include "engine/util/JsonFile.h"
#include "engine/util/TorchSetup.h"

#include <chrono>
#include <cmath>
#include <filesystem>

namespace fs = std::filesystem;

namespace dnas {

namespace {
constexpr int kEvalBatch = 256;       // evaluation batch: no gradients, so larger is fine
constexpr double kEtaSmoothing = 0.1; // EMA weight of the newest step time in the ETA
// The finalists' band without a target: as wide as a target's default band.
constexpr double kFinalistTolerance = 0.05;
// Separate random streams per purpose, so changing one never shifts another.
enum Stream : uint64_t {
    kInit = 1,
    kWOrder = 2,
    kThetaOrder = 3,
    kSamples = 4,
    kFinalists = 5,
    kStepBase = 1000
};
using Clock = std::chrono::steady_clock;

// Gradients are dropped, not zeroed: a path the step did not run (sampled mode) then has no
// gradient and SGD leaves it alone, where zeroed ones would let momentum and weight decay keep
// moving the weights of every path that was not sampled.
void clearGradients(torch::optim::Optimizer& opt) {
    for (auto& group : opt.param_groups())
        for (auto& p : group.params())
            p.mutable_grad() = torch::Tensor();
}
} // namespace

struct Searcher::Impl {
    Study study;
    std::string dir;
    SearchState state;
    std::unique_ptr<SearchData> data;
    CostTable costs;
    Supernet net{nullptr};
    std::unique_ptr<torch::optim::SGD> wOpt;
    std::unique_ptr<torch::optim::Adam> thetaOpt;
    std::vector<torch::Tensor> costRows;
    torch::Tensor fixedCost;
    torch::Device device = torch::kCPU;
    std::unique_ptr<RunWriter> writer;
    DistSettings distSettings;
    std::unique_ptr<DataParallel> dp; // one process: every call is a no-op
    double secondsPerStep = 0.0;
    // Collectives of this epoch's steps per phase (w, θ): what a network adds to every step.
    struct StepCollectives {
        int64_t steps = 0, calls = 0, bytes = 0;
    };
    StepCollectives collectives[2];

    const SearchSettings& s() const { return study.settings; }
    // One path per step (sampled and two-path modes); two-path compares two in the θ step.
    bool hard() const { return s().mode != SearchMode::Faithful; }
    bool pairedTheta(bool thetaPhase) const {
        return thetaPhase && s().mode == SearchMode::TwoPath;
    }
    bool warmup(int epoch) const { return epoch < s().warmupEpochs(); }
    // Sampled mode with shared kernels warms up on each layer's largest candidate, whose kernels
    // hold every nested one (OFA's "largest first"): one consistent path learns as fast as a
    // plain net, where uniformly random paths through untrained blocks barely learn at all.
    // After the warm-up, w_paths "largest" keeps the w steps on it (decided layers then run
    // their choice); the θ steps always sample.
    bool largestFirst(bool thetaPhase, int epoch) const {
        if (!hard() || !s().share_kernels)
            return false;
        if (!warmup(epoch))
            return !thetaPhase && s().w_paths != WeightPaths::Sampled;
        switch (s().warmup_paths) {
        case WarmupPaths::Largest:
        case WarmupPaths::LargestSwap:
            return true;
        case WarmupPaths::Progressive: // the first half, rounded up: one epoch of two
            return epoch < (s().warmupEpochs() + 1) / 2;
        case WarmupPaths::Uniform:
            break;
        }
        return false;
    }
    // The largest path's w steps switch one layer to a drawn candidate ("largest-swap").
    bool swapsOneLayer(bool thetaPhase, int epoch) const {
        if (thetaPhase || !largestFirst(thetaPhase, epoch))
            return false;
        return warmup(epoch) ? s().warmup_paths == WarmupPaths::LargestSwap
                             : s().w_paths == WeightPaths::LargestSwap;
    }
    std::vector<torch::Tensor> largestPath() const;
    double tau(int epoch) const {
        return s().temperatureAt(std::max(0, epoch - s().warmupEpochs()));
    }

    void prepare();
    nlohmann::json meta() const;
    void checkpoint(SearchObserver& obs);
    torch::Tensor expectedCost(const std::vector<torch::Tensor>& weights) const;
    bool isDecided(size_t l) const {
        return l < state.decided.size() && state.decided[l] != LayerDecisions::kOpen;
    }
    torch::Tensor oneHot(size_t l, int64_t index) const;
    void decideLayers();
    bool runPhase(StepPhase phase, SearchObserver& obs, StopPauseToken& ctl);
    void endEpoch(SearchObserver& obs);
    void finish(SearchObserver& obs, StopPauseToken& ctl);
    std::vector<SampledArchitecture> finalists(const std::vector<int64_t>& choice,
                                               const ArchitectureSampler& sampler,
                                               SearchObserver& obs, StopPauseToken& ctl);
    double eta(int64_t stepsLeftInPhase) const;
};

void Searcher::Impl::prepare() {
    configureTorchThreads(s().threads);
    device = torch::cuda::is_available() ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU);
    const SearchSpace& space = study.space;
    costs = CostTable::forStudy(study);
    // A quantile becomes a cost here, before the run's own study is written, so that a resume
    // steers to the same cost even if the LUT has been measured again since. Another loss
    // keeps the quantile unresolved: the run then has no target to show.
    if (s().steersToTarget())
        study.settings.target = costs.targetOf(s());
    data = std::make_unique<SearchData>(SearchData::load(study.dataset, study.source, space, s()));
    torch::manual_seed(SeededRng::derive(s().seed, kInit));
    net = Supernet(space, s().share_kernels);
    net->to(device);
    for (const auto& row : costs.per_layer)
        costRows.push_back(torch::tensor(row, torch::kFloat).to(device));
    fixedCost = torch::tensor(costs.fixed, torch::kFloat).to(device);
    wOpt = std::make_unique<torch::optim::SGD>(net->weightParameters(),
                                               torch::optim::SGDOptions(s().wLearningRate())
                                                   .momentum(s().w_momentum)
                                                   .weight_decay(s().w_weight_decay));
    thetaOpt = std::make_unique<torch::optim::Adam>(
        net->thetaParameters(),
        torch::optim::AdamOptions(s().theta_lr).weight_decay(s().theta_weight_decay));
    if (s().loss == LossKind::Additive && state.target <= 0.0)
        state.target = s().target > 0.0 ? s().target : costs.uniformExpected();
    if (s().steersToTarget()) {
        // Refused before any training: a target the space cannot reach wastes the whole search.
        TargetRepair(costs, s().target, s().target_tolerance).check(study.source);
        state.target = s().target;
        if (!state.lambda_set) {
            state.lambda = s().lambda;
            state.lambda_set = true;
        }
    }
}

std::vector<torch::Tensor> Searcher::Impl::largestPath() const {
    std::vector<torch::Tensor> mix;
    for (int64_t l = 0; l < net->numLayers(); ++l) {
        const MixedOp layer = net->layer(l);
        mix.push_back(
            torch::zeros({layer->size()}, torch::TensorOptions().device(device))
                .index_fill_(0, torch::tensor({layer->largestCandidate()}).to(device), 1.0));
    }
    return mix;
}

torch::Tensor Searcher::Impl::oneHot(size_t l, int64_t index) const {
    return torch::zeros({net->layer(static_cast<int64_t>(l))->size()},
                        torch::TensorOptions().device(device))
        .index_fill_(0, torch::tensor({index}).to(device), 1.0);
}

// A decided layer's θ becomes (0 at the choice, kDecidedLogit elsewhere): its probabilities,
// entropy and expected cost then read as decided everywhere θ is shown, and, as its mix is a
// constant from now on, it gets no gradient, so Adam leaves it there.
void Searcher::Impl::decideLayers() {
    constexpr double kDecidedLogit = -30.0; // e^-30 ≈ 1e-13: one-hot in double precision
    const int layers = static_cast<int>(net->numLayers());
    if (state.decided.empty())
        state.decided.assign(static_cast<size_t>(layers), LayerDecisions::kOpen);
    const int searchEpoch = state.epoch - s().warmupEpochs();
    const int due =
        LayerDecisions::dueAfter(searchEpoch, s().searchEpochs(), layers, s().decision_delay);
    // After the last search epoch every open layer takes its argmax, however close its call.
    const bool last = searchEpoch >= s().searchEpochs() - 1;
    const double gate = last ? 0.0 : s().decision_margin;
    const auto probs = GumbelMixer::probabilities(net->thetaParameters());
    torch::NoGradGuard noGrad;
    for (const size_t l : LayerDecisions::decide(state.decided, probs, due, gate)) {
        torch::Tensor theta = net->theta(static_cast<int64_t>(l));
        theta.fill_(kDecidedLogit);
        theta[state.decided[l]] = 0.0;
    }
}

torch::Tensor Searcher::Impl::expectedCost(const std::vector<torch::Tensor>& weights) const {
    torch::Tensor total = fixedCost;
    for (size_t l = 0; l < weights.size(); ++l)
        total = total + (weights[l] * costRows[l]).sum();
    return total;
}

nlohmann::json Searcher::Impl::meta() const {
    return state.toJson();
}

void Searcher::Impl::checkpoint(SearchObserver& obs) {
    dp->syncRunningStats(*net); // every rank then holds what rank 0 saves
    if (!dp->writes())
        return;
    writer->sync();
    state.log_offsets = writer->offsets();
    Checkpoint::save(dir, *net, *wOpt, *thetaOpt, meta());
    obs.onCheckpoint(state.epoch, Checkpoint::path(dir));
}

double Searcher::Impl::eta(int64_t stepsLeftInPhase) const {
    int64_t steps = stepsLeftInPhase;
    const int64_t wSteps = data->steps(data->wSplit(), s().batch_size);
    const int64_t tSteps = data->steps(data->thetaSplit(), s().batch_size);
    if (state.phase == StepPhase::Weights && !warmup(state.epoch))
        steps += tSteps;
    for (int e = state.epoch + 1; e < s().epochs; ++e)
        steps += wSteps + (warmup(e) ? 0 : tSteps);
    return secondsPerStep * static_cast<double>(steps);
}

// One pass over the w split (Weights) or the θ split (Theta); false when stopped.
bool Searcher::Impl::runPhase(StepPhase phase, SearchObserver& obs, StopPauseToken& ctl) {
    const bool thetaPhase = phase == StepPhase::Theta;
    const Dataset& split = thetaPhase ? data->thetaSplit() : data->wSplit();
    const int64_t steps = data->steps(split, s().batch_size);
    const torch::Tensor order =
        data->order(split, s().seed, state.epoch, thetaPhase ? kThetaOrder : kWOrder);
    const bool warm = warmup(state.epoch);
    const int64_t wTotal =
        static_cast<int64_t>(s().epochs) * data->steps(data->wSplit(), s().batch_size);
    for (auto& p : net->weightParameters())
        p.requires_grad_(!thetaPhase);
    net->train();
    for (; state.step < steps; ++state.step) {
        const DistContext::Counts before = dp->collectiveCounts();
        if (!dp->keepGoing(ctl))
            return false;
        const auto t0 = Clock::now();
        const uint64_t stepSeed = SeededRng::derive(s().seed, kStepBase + state.global_step);
        auto [x, y] = data->batch(split, order, state.step, s().batch_size, !thetaPhase, stepSeed);
        x = dp->shard(x).to(device); // every rank drew the same global batch
        y = dp->shard(y).to(device);
        auto gen = at::detail::createCPUGenerator(stepSeed);
        std::vector<torch::Tensor> thetas = net->thetaParameters();
        if (!thetaPhase)
            for (auto& t : thetas)
                t = t.detach();
        std::vector<torch::Tensor> mix;
        torch::Tensor logits;
        std::vector<std::vector<int64_t>> paths; // empty: the mix says which paths run
        if (pairedTheta(thetaPhase)) {
            GumbelMixer::Pairs pairs = GumbelMixer::samplePairs(thetas, gen);
            mix = std::move(pairs.mix);
            paths = std::move(pairs.paths);
        } else {
            mix = largestFirst(thetaPhase, state.epoch)
                      ? largestPath()
                      : GumbelMixer::sample(thetas, tau(state.epoch), hard(), gen);
            if (swapsOneLayer(thetaPhase, state.epoch)) {
                const int64_t l = torch::randint(net->numLayers(), {1}, gen).item<int64_t>();
                const int64_t k = torch::randint(net->layer(l)->size(), {1}, gen).item<int64_t>();
                mix[static_cast<size_t>(l)] = oneHot(static_cast<size_t>(l), k);
            }
        }
        if (!state.decided.empty()) {
            if (paths.empty())
                for (const auto& m : mix) { // the paths forward() would run
                    const auto host = m.detach().to(at::kCPU, at::kDouble).contiguous();
                    const double* w = host.data_ptr<double>();
                    std::vector<int64_t> run;
                    for (int64_t i = 0; i < host.numel(); ++i)
                        if (!hard() || w[i] != 0.0)
                            run.push_back(i);
                    paths.push_back(std::move(run));
                }
            for (size_t l = 0; l < mix.size(); ++l)
                if (isDecided(l)) {
                    mix[l] = oneHot(l, state.decided[l]);
                    paths[l] = {state.decided[l]};
                }
        }
        logits = paths.empty() ? net->forward(x, mix, hard()) : net->forwardPaths(x, mix, paths);
        const torch::Tensor ce = torch::nn::functional::cross_entropy(logits, y);
        // The cost term: the sampled mix (paper) in faithful mode, softmax(θ) in the one-path
        // modes, where the one-hot mix would make the cost as noisy as the path.
        std::vector<torch::Tensor> costWeights = mix;
        if (hard())
            for (size_t l = 0; l < thetas.size(); ++l)
                if (!isDecided(l))
                    costWeights[l] = torch::softmax(thetas[l], 0);
        const torch::Tensor cost = expectedCost(costWeights);
        const torch::Tensor loss =
            warm ? ce : searchLoss(ce, cost, s(), state.target, state.lambda);
        double lossValue = loss.item<double>();
        if (!std::isfinite(lossValue))
            throw DnasError(dir, "loss",
                            "non-finite loss at epoch " + std::to_string(state.epoch + 1) +
                                ", step " + std::to_string(state.step + 1) +
                                "; the last good checkpoint is kept");
        double lr = 0.0;
        if (thetaPhase) {
            clearGradients(*thetaOpt);
            dp->beforeBackward(loss, *thetaOpt);
            loss.backward();
            dp->averageGradients(*thetaOpt);
            thetaOpt->step();
            lr = s().theta_lr;
            if (s().target_dual_lr > 0.0) {
                // From θ's expectation, not this step's sample: every rank holds the same θ,
                // so every rank moves λ alike.
                const double miss =
                    costs.expected(GumbelMixer::probabilities(net->thetaParameters())) /
                        state.target -
                    1.0;
                state.lambda += s().target_dual_lr * miss;
            }
        } else {
            lr = 0.5 * s().wLearningRate() *
                 (1.0 + std::cos(M_PI * static_cast<double>(state.w_steps_done) /
                                 static_cast<double>(std::max<int64_t>(1, wTotal))));
            for (auto& group : wOpt->param_groups())
                static_cast<torch::optim::SGDOptions&>(group.options()).lr(lr);
            clearGradients(*wOpt);
            dp->beforeBackward(loss, *wOpt);
            loss.backward();
            dp->averageGradients(*wOpt);
            wOpt->step();
            ++state.w_steps_done;
        }
        double correct = logits.argmax(1).eq(y).sum().item<double>();
        double n = static_cast<double>(y.size(0));
        double ceValue = ce.item<double>();
        dp->reduceStepMetrics(lossValue, ceValue, correct, n); // over the global batch
        const DistContext::Counts after = dp->collectiveCounts();
        StepCollectives& counted = collectives[thetaPhase ? 1 : 0];
        ++counted.steps;
        counted.calls += after.calls - before.calls;
        counted.bytes += after.bytes - before.bytes;
        (thetaPhase ? state.theta_loss_sum : state.loss_sum) += lossValue * n;
        (thetaPhase ? state.theta_correct : state.correct) += correct;
        (thetaPhase ? state.theta_seen : state.seen) += n;
        const double dt = std::chrono::duration<double>(Clock::now() - t0).count();
        state.seconds += dt;
        secondsPerStep =
            secondsPerStep == 0.0 ? dt : (1 - kEtaSmoothing) * secondsPerStep + kEtaSmoothing * dt;
        StepMetrics m;
        m.epoch = state.epoch;
        m.step = static_cast<int>(state.step);
        m.steps_in_phase = static_cast<int>(steps);
        m.global_step = state.global_step++;
        m.phase = thetaPhase ? StepPhase::Theta : (warm ? StepPhase::Warmup : StepPhase::Weights);
        m.loss = lossValue;
        m.ce = ceValue;
        m.expected_cost = cost.item<double>();
        m.accuracy = correct / n;
        m.images_per_s = n / std::max(dt, 1e-9);
        m.lr = lr;
        m.eta_s = eta(steps - state.step - 1);
        writer->metrics(toJson(m));
        obs.onStep(m);
    }
    for (auto& p : net->weightParameters())
        p.requires_grad_(true);
    return true;
}

void Searcher::Impl::endEpoch(SearchObserver& obs) {
    // Local batch norm: the samples below are scored with the ranks' mean statistics.
    dp->syncRunningStats(*net);
    dp->checkSameWeights(*net, "at the end of epoch " + std::to_string(state.epoch + 1));
    EpochMetrics e;
    e.epoch = state.epoch;
    e.epochs = s().epochs;
    e.warmup = warmup(state.epoch);
    e.temperature = tau(state.epoch);
    e.train_loss = state.seen > 0 ? state.loss_sum / state.seen : 0.0;
    e.train_accuracy = state.seen > 0 ? state.correct / state.seen : 0.0;
    e.val_loss = state.theta_seen > 0 ? state.theta_loss_sum / state.theta_seen : 0.0;
    e.val_accuracy = state.theta_seen > 0 ? state.theta_correct / state.theta_seen : 0.0;
    e.seconds = state.seconds;
    e.images_per_s = (state.seen + state.theta_seen) / std::max(state.seconds, 1e-9);
    if (s().progressive_decisions && !e.warmup)
        decideLayers();
    const auto probs = GumbelMixer::probabilities(net->thetaParameters());
    e.expected_cost = costs.expected(probs);
    for (size_t l = 0; l < probs.size(); ++l)
        e.layers.push_back(
            {study.space.layers[l].candidates, probs[l], GumbelMixer::entropy(probs[l])});
    writer->theta(thetaJson(e));
    nlohmann::json epochJson = toJson(e);
    if (dp->active()) {
        nlohmann::json perStep = nlohmann::json::object();
        const char* names[2] = {"w", "theta"};
        for (int phase = 0; phase < 2; ++phase) {
            const StepCollectives& c = collectives[phase];
            if (c.steps == 0)
                continue;
            const double steps = static_cast<double>(c.steps);
            perStep[names[phase]] = {{"steps", c.steps},
                                     {"calls_per_step", static_cast<double>(c.calls) / steps},
                                     {"bytes_per_step", static_cast<double>(c.bytes) / steps}};
        }
        epochJson["collectives"] = perStep;
    }
    collectives[0] = collectives[1] = StepCollectives{};
    writer->metrics(epochJson);
    obs.onEpoch(e);
    if (!e.warmup) {
        ArchitectureSampler sampler(costs, *data, s().eval_limit, kEvalBatch);
        const SampleSet set =
            sampler.sample(net, state.epoch, s().samples_per_epoch,
                           SeededRng::derive(s().seed, kSamples + 16 * state.epoch));
        writer->samples(toJson(set));
        obs.onSamples(set);
    }
    state.startNextEpoch();
}

// The finalists of SearchSettings::finalists: `choice` and others drawn uniformly from its cost
// band, each described, scored one-shot and after its own fine-tune; the best fine-tuned first,
// `choice` (flagged argmax) among the rest. Stopped part way, the best of those tuned so far.
// In a data-parallel run every rank fine-tunes the same nets on the same whole batches (no
// shard, no all-reduce), so they agree without talking; only rank 0 writes the result.
std::vector<SampledArchitecture> Searcher::Impl::finalists(const std::vector<int64_t>& choice,
                                                           const ArchitectureSampler& sampler,
                                                           SearchObserver& obs,
                                                           StopPauseToken& ctl) {
    const bool target = s().steersToTarget();
    const FinalistDraw draw(costs, target ? s().target : costs.cost(choice),
                            target ? s().target_tolerance : kFinalistTolerance);
    const auto choices =
        draw.draw(choice, std::max(1, s().finalists), SeededRng::derive(s().seed, kFinalists));
    const PathFineTuner tuner(*data, s().finalist_steps, s().batch_size, s().finalistLearningRate(),
                              s().seed);
    std::vector<SampledArchitecture> out;
    const auto t0 = Clock::now();
    for (size_t i = 0; i < choices.size(); ++i) {
        if (choices.size() > 1 && !dp->keepGoing(ctl))
            break;
        SampledArchitecture a = sampler.describe(net, choices[i], s().epochs - 1);
        a.is_argmax = i == 0;
        a.accuracy = sampler.oneShotAccuracy(net, choices[i]);
        if (choices.size() == 1) {
            out.push_back(std::move(a));
            break;
        }
        a.fine_tuned = tuner.fineTunedAccuracy(net, choices[i], sampler);
        const double perFinalist =
            std::chrono::duration<double>(Clock::now() - t0).count() / static_cast<double>(i + 1);
        StepMetrics m;
        m.epoch = s().epochs - 1;
        m.step = static_cast<int>(i);
        m.steps_in_phase = static_cast<int>(choices.size());
        m.global_step = state.global_step;
        m.phase = StepPhase::Finalists;
        m.accuracy = a.fine_tuned;
        m.expected_cost = a.cost;
        m.eta_s = perFinalist * static_cast<double>(choices.size() - i - 1);
        obs.onStep(m);
        out.push_back(std::move(a));
    }
    // stable: on a tie the argmax, drawn first, stays ahead
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.fine_tuned > b.fine_tuned; });
    return out;
}

void Searcher::Impl::finish(SearchObserver& obs, StopPauseToken& ctl) {
    ArchitectureSampler sampler(costs, *data, s().eval_limit, kEvalBatch);
    SampleSet final;
    final.epoch = s().epochs - 1;
    final.cost_unit = costs.unit;
    const auto argmax = sampler.argmax(net);
    const auto probTable = GumbelMixer::probabilities(net->thetaParameters());
    auto choice = argmax;
    nlohmann::json targetInfo = nullptr;
    if (s().steersToTarget()) {
        // The delivered net must meet the target, not only its expectation under θ.
        const TargetRepair repair(costs, s().target, s().target_tolerance);
        const TargetRepair::Result r = repair.repair(argmax, probTable);
        choice = r.choice;
        targetInfo = {{"target", s().target},
                      {"tolerance", s().target_tolerance},
                      {"argmax_cost", costs.cost(argmax)},
                      {"delivered_cost", r.cost},
                      {"within", repair.within(r.cost)},
                      {"swaps", r.swaps}};
        if (s().target_quantile > 0.0)
            targetInfo["quantile"] = s().target_quantile;
    }
    final.samples = finalists(choice, sampler, obs, ctl);
    markPareto(final.samples);
    const SampledArchitecture& best = final.samples.front();
    if (!dp->writes())
        return obs.onFinished(final);
    const fs::path finalDir = fs::path(dir) / "final";
    fs::create_directories(finalDir);
    nlohmann::json probs = nlohmann::json::array();
    for (const auto& p : probTable)
        probs.push_back(p);
    Architecture arch;
    arch.space = study.space.name;
    arch.ops = best.ops;
    arch.accuracy = best.accuracy;
    nlohmann::json summary = {{"format", "dnas-search-summary/1"},
                              {"argmax", toJson(best)}, // the delivered net (a finalist's best)
                              {"probabilities", probs},
                              {"cost_unit", costs.unit},
                              {"epochs", s().epochs},
                              {"target", targetInfo}};
    if (final.samples.size() > 1 || final.samples.front().fine_tuned >= 0.0) {
        summary["finalists"] = toJson(final)["samples"];
        summary["finalist_steps"] = s().finalist_steps;
    }
    writeJsonFileAtomic((finalDir / "arch.json").string(), arch.toJson());
    writeJsonFileAtomic((finalDir / "summary.json").string(), summary);
    obs.onFinished(final);
}

Searcher::Searcher() : d(std::make_unique<Impl>()) {}
Searcher::~Searcher() = default;

Searcher::Searcher(const Study& study, const std::string& runDir, const DistSettings& dist)
    : Searcher() {
    d->study = study;
    d->dir = runDir;
    d->distSettings = dist;
    study.settings.check(study.source);
    dist.check("distributed settings");
    if (dist.writes() && fs::exists(fs::path(runDir) / "study.json"))
        throw DnasError(runDir, "", "already holds a run; resume it or choose another folder");
}

std::unique_ptr<Searcher> Searcher::resume(const std::string& runDir, const DistSettings& dist) {
    dist.check("distributed settings");
    const std::string studyPath = (fs::path(runDir) / "study.json").string();
    if (!fs::exists(studyPath))
        throw DnasError(runDir, "", "not a run folder (no study.json)");
    std::unique_ptr<Searcher> s(new Searcher());
    s->d->study = Study::fromJson(readJsonFile(studyPath), studyPath);
    s->d->dir = runDir;
    s->d->distSettings = dist;
    s->d->state.epoch = -1; // marks "load the checkpoint in run()"
    return s;
}

void Searcher::run(SearchObserver& obs, StopPauseToken& ctl) {
    try {
        Impl& m = *d;
        const bool resuming = m.state.epoch < 0;
        m.state = SearchState{};
        fs::create_directories(m.dir);
        m.prepare();
        constexpr double kBytesPerMb = 1024.0 * 1024.0;
        m.dp = std::make_unique<DataParallel>(
            m.distSettings, m.s().batch_size, m.s().dist_batch_norm,
            static_cast<int64_t>(m.s().dist_bucket_mb * kBytesPerMb));
        const auto syncBatchNorm = m.dp->syncBatchNorm();
        m.writer = std::make_unique<RunWriter>(m.dir, m.dp->writes());
        if (resuming) {
            std::string warning;
            auto meta = Checkpoint::load(m.dir, *m.net, *m.wOpt, *m.thetaOpt, &warning);
            if (meta)
                m.state = SearchState::fromJson(*meta);
            m.writer->truncateTo(m.state.log_offsets);
            if (!warning.empty())
                obs.onError("warning: " + warning);
        } else {
            Study frozen = m.study;
            frozen.runs.clear();
            if (m.dp->writes())
                writeJsonFileAtomic((fs::path(m.dir) / "study.json").string(), frozen.toJson());
            m.checkpoint(obs); // epoch 0, step 0: a run killed at once still resumes
        }
        const int64_t images = m.data->wSplit().size() + m.data->thetaSplit().size();
        m.dp->checkSameStart(*m.net, {{"epoch", m.state.epoch},
                                      {"phase", m.state.phaseNumber()},
                                      {"step", m.state.step},
                                      {"global step", m.state.global_step},
                                      {"epochs", m.s().epochs},
                                      {"batch size", m.s().batch_size},
                                      {"seed", double(m.s().seed)},
                                      {"cost of the uniform mix", m.costs.uniformExpected()},
                                      {"images", images}});
        obs.onStarted(m.state.epoch, m.s().epochs);
        while (m.state.epoch < m.s().epochs) {
            if (m.state.phase == StepPhase::Weights) {
                if (!m.runPhase(StepPhase::Weights, obs, ctl))
                    return m.checkpoint(obs);
                m.state.startThetaPass();
            }
            // Warm-up epochs train w only: from their w pass straight to the epoch's end.
            if (!m.warmup(m.state.epoch) && !m.runPhase(StepPhase::Theta, obs, ctl))
                return m.checkpoint(obs);
            m.endEpoch(obs);
            m.checkpoint(obs);
            if (m.dp->stopAgreed(ctl))
                return;
        }
        m.finish(obs, ctl);
    } catch (const std::exception& e) {
        obs.onError(e.what());
        throw;
    }
}

SampleSet Searcher::sampleFromCheckpoint(int k, uint64_t seed) {
    Impl& m = *d;
    m.state = SearchState{};
    m.prepare();
    if (!Checkpoint::load(m.dir, *m.net, *m.wOpt, *m.thetaOpt))
        throw DnasError(m.dir, "checkpoint", "the run has no checkpoint yet");
    m.state = SearchState{};
    ArchitectureSampler sampler(m.costs, *m.data, m.s().eval_limit, kEvalBatch);
    return sampler.sample(m.net, -1, k, seed);
}

SampleSet Searcher::scoreFromCheckpoint(const std::vector<Architecture>& archs, int equalCost,
                                        double tolerance, uint64_t seed, int fineTuneSteps,
                                        double fineTuneLr) {
    Impl& m = *d;
    if (archs.empty())
        throw DnasError(m.dir, "", "no reference architecture to score");
    m.state = SearchState{};
    m.prepare();
    if (!Checkpoint::load(m.dir, *m.net, *m.wOpt, *m.thetaOpt))
        throw DnasError(m.dir, "checkpoint", "the run has no checkpoint yet");
    m.state = SearchState{};
    std::vector<std::vector<int64_t>> choices;
    for (const auto& a : archs)
        choices.push_back(a.choiceIn(m.study.space, m.dir));
    if (equalCost > 0) {
        const EqualCostSampler draw(m.costs, m.costs.cost(choices.front()), tolerance);
        for (auto& c : draw.draw(equalCost, seed))
            choices.push_back(std::move(c));
    }
    ArchitectureSampler sampler(m.costs, *m.data, m.s().eval_limit, kEvalBatch);
    const PathFineTuner tuner(*m.data, fineTuneSteps, m.s().batch_size,
                              fineTuneLr > 0.0 ? fineTuneLr : m.s().finalistLearningRate(),
                              m.s().seed);
    SampleSet set;
    set.epoch = -1;
    set.cost_unit = m.costs.unit;
    for (const auto& c : choices) {
        SampledArchitecture a = sampler.describe(m.net, c, -1);
        a.accuracy = sampler.oneShotAccuracy(m.net, c);
        if (fineTuneSteps > 0)
            a.fine_tuned = tuner.fineTunedAccuracy(m.net, c, sampler);
        set.samples.push_back(std::move(a));
    }
    return set;
}

const Study& Searcher::study() const {
    return d->study;
}
const std::string& Searcher::runDir() const {
    return d->dir;
}
int Searcher::completedEpochs() const {
    return std::max(0, d->state.epoch);
}

} // namespace dnas
