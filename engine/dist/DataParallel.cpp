// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/dist/DataParallel.h"
#include "engine/dist/DistContext.h"
#include "engine/dist/GradientSync.h"
#include "engine/dist/SyncBatchNorm.h"
#include "engine/search/StopPauseToken.h"
#include "engine/util/DnasError.h"

namespace dnas {

DataParallel::DataParallel(const DistSettings& settings, int batchSize, BatchNormSync batchNorm,
                           int64_t bucketBytes)
    : settings_(settings), batchNorm_(batchNorm), bucketBytes_(bucketBytes) {
    settings_.check("distributed settings");
    if (!settings_.active())
        return;
    if (batchSize % settings_.world_size != 0)
        throw DnasError("settings", "batch_size",
                        std::to_string(batchSize) + " does not split into " +
                            std::to_string(settings_.world_size) +
                            " equal shards; use a multiple of the process count");
    context_ = std::make_unique<DistContext>(settings_);
    gradients_ = std::make_unique<GradientSync>(*context_, bucketBytes_);
}

DataParallel::~DataParallel() = default;

torch::Tensor DataParallel::shard(const torch::Tensor& globalBatch) const {
    if (!active())
        return globalBatch;
    const int64_t per = globalBatch.size(0) / settings_.world_size;
    return globalBatch.slice(0, per * settings_.rank, per * (settings_.rank + 1));
}

bool DataParallel::anyRank(bool flag) {
    torch::Tensor t = torch::full({1}, flag ? 1.0 : 0.0, torch::kDouble);
    context_->allReduce(t, DistContext::Op::Max);
    return t.item<double>() > 0.0;
}

bool DataParallel::keepGoing(StopPauseToken& control) {
    const bool local = control.waitWhilePaused();
    if (!active())
        return local;
    const bool stop = anyRank(!local);
    if (stop)
        control.requestStop();
    return !stop;
}

bool DataParallel::stopAgreed(StopPauseToken& control) {
    const bool local = control.stopRequested();
    if (!active())
        return local;
    const bool stop = anyRank(local);
    if (stop)
        control.requestStop();
    return stop;
}

void DataParallel::beforeBackward(const torch::Tensor& loss, torch::optim::Optimizer& optimizer) {
    if (active())
        gradients_->beginBackward(loss, GradientSync::parametersOf(optimizer));
}

void DataParallel::averageGradients(torch::optim::Optimizer& optimizer) {
    if (!active())
        return;
    statsDirty_ = batchNorm_ == BatchNormSync::Local;
    if (gradients_->inBackward())
        gradients_->finish();
    else
        gradients_->average(optimizer);
}

void DataParallel::syncRunningStats(torch::nn::Module& net) {
    if (!active() || !statsDirty_)
        return;
    statsDirty_ = false;
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> stats;
    for (const auto& m : net.modules(/*include_self=*/true))
        if (auto* bn = m->as<torch::nn::BatchNorm2d>())
            if (bn->options.track_running_stats())
                stats.insert(stats.end(), {bn->running_mean, bn->running_var});
    if (stats.empty())
        return;
    std::vector<torch::Tensor> flat;
    for (const auto& t : stats)
        flat.push_back(t.reshape({-1}).to(torch::kDouble));
    // One all-reduce for all of them, in double: the mean is then the same on every rank.
    torch::Tensor buffer = torch::cat(flat);
    context_->allReduce(buffer);
    buffer.div_(settings_.world_size);
    int64_t offset = 0;
    for (auto& t : stats) {
        t.copy_(buffer.slice(0, offset, offset + t.numel()).view(t.sizes()));
        offset += t.numel();
    }
}

DistContext::Counts DataParallel::collectiveCounts() const {
    return context_ ? context_->counts() : DistContext::Counts{};
}

void DataParallel::reduceStepMetrics(double& loss, double& ce, double& correct, double& n) {
    if (!active())
        return;
    torch::Tensor t = torch::tensor({loss * n, ce * n, correct, n}, torch::kDouble);
    context_->allReduce(t);
    const auto* v = t.data_ptr<double>();
    n = v[3];
    loss = v[0] / n;
    ce = v[1] / n;
    correct = v[2];
}

void DataParallel::checkSameStart(torch::nn::Module& net, const nlohmann::json& facts) {
    checkSame(net, facts,
              "the ranks start from different points (%); give every rank the same study, "
              "options and run folder");
}

void DataParallel::checkSameWeights(torch::nn::Module& net, const std::string& when) {
    checkSame(net, nlohmann::json::object(),
              "the ranks' weights differ " + when + " (%): a bug, please report it");
}

void DataParallel::checkSame(torch::nn::Module& net, const nlohmann::json& facts,
                             const std::string& what) {
    if (!active())
        return;
    std::vector<std::string> names;
    std::vector<double> values;
    for (const auto& [name, value] : facts.items()) {
        names.push_back(name);
        values.push_back(value.get<double>());
    }
    double sum = 0.0, absSum = 0.0;
    {
        torch::NoGradGuard noGrad;
        auto add = [&](const torch::Tensor& t) {
            const torch::Tensor d = t.detach().to(torch::kDouble);
            sum += d.sum().item<double>();
            absSum += d.abs().sum().item<double>();
        };
        for (const auto& p : net.parameters())
            add(p);
        for (const auto& b : net.buffers())
            add(b);
    }
    names.insert(names.end(), {"weights (sum)", "weights (sum of |w|)"});
    values.insert(values.end(), {sum, absSum});
    torch::Tensor lo = torch::tensor(values, torch::kDouble);
    torch::Tensor hi = lo.clone();
    context_->allReduce(lo, DistContext::Op::Min);
    context_->allReduce(hi, DistContext::Op::Max);
    for (size_t i = 0; i < names.size(); ++i) {
        const double a = lo[int64_t(i)].item<double>(), b = hi[int64_t(i)].item<double>();
        if (a != b) {
            std::string message = what;
            message.replace(message.find('%'), 1,
                            names[i] + ": " + std::to_string(a) + " vs " + std::to_string(b));
            throw DnasError("", "rank " + std::to_string(settings_.rank), message);
        }
    }
}

std::unique_ptr<BatchNormHook::Scope> DataParallel::syncBatchNorm() {
    if (!active() || batchNorm_ == BatchNormSync::Local)
        return nullptr;
    DistContext* context = context_.get();
    return std::make_unique<BatchNormHook::Scope>(
        [context](torch::nn::BatchNorm2dImpl& bn, const torch::Tensor& x) {
            return SyncBatchNorm::forward(bn, x, *context);
        });
}

} // namespace dnas
