// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/dist/DataParallel.h"
#include "engine/dist/DistContext.h"
#include "engine/dist/GradientSync.h"
#include "engine/dist/SyncBatchNorm.h"
#include "engine/search/StopPauseToken.h"
#include "engine/util/DnasError.h"

namespace dnas {

DataParallel::DataParallel(const DistSettings& settings, int batchSize) : settings_(settings) {
    settings_.check("distributed settings");
    if (!settings_.active())
        return;
    if (batchSize % settings_.world_size != 0)
        throw DnasError("settings", "batch_size",
                        std::to_string(batchSize) + " does not split into " +
                            std::to_string(settings_.world_size) +
                            " equal shards; use a multiple of the process count");
    context_ = std::make_unique<DistContext>(settings_);
    gradients_ = std::make_unique<GradientSync>(*context_);
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

void DataParallel::averageGradients(torch::optim::Optimizer& optimizer) {
    if (active())
        gradients_->average(optimizer);
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
        if (a != b)
            throw DnasError("", "rank " + std::to_string(settings_.rank),
                            "the ranks start from different points (" + names[i] + ": " +
                                std::to_string(a) + " vs " + std::to_string(b) +
                                "); give every rank the same study, options and run folder");
    }
}

std::unique_ptr<BatchNormHook::Scope> DataParallel::syncBatchNorm() {
    if (!active())
        return nullptr;
    DistContext* context = context_.get();
    return std::make_unique<BatchNormHook::Scope>(
        [context](torch::nn::BatchNorm2dImpl& bn, const torch::Tensor& x) {
            return SyncBatchNorm::forward(bn, x, *context);
        });
}

} // namespace dnas
