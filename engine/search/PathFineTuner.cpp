// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/search/PathFineTuner.h"
#include "engine/data/SeededRng.h"
#include "engine/search/ArchitectureSampler.h"
#include "engine/search/SearchData.h"

#include <cmath>

namespace dnas {

namespace {
// Streams of SeededRng::derive of their own, apart from the search's (Searcher.cpp).
constexpr int kFineTuneOrder = 7;
constexpr uint64_t kFineTuneAugment = 0x5f1e7000ULL;
// SGD's, as the search's w steps: momentum carries a short run past batch noise.
constexpr double kMomentum = 0.9;
} // namespace

PathFineTuner::PathFineTuner(const SearchData& data, int steps, int batch, double lr, uint64_t seed)
    : data_(data), steps_(steps), batch_(batch), lr_(lr), seed_(seed) {}

double PathFineTuner::fineTunedAccuracy(Supernet& net, const std::vector<int64_t>& choice,
                                        const ArchitectureSampler& scorer) const {
    if (steps_ <= 0)
        return scorer.oneShotAccuracy(net, choice);
    std::vector<torch::Tensor> state;
    {
        torch::NoGradGuard noGrad;
        for (const auto& p : net->parameters())
            state.push_back(p.detach().clone());
        for (const auto& b : net->buffers())
            state.push_back(b.clone());
    }
    const bool wasTraining = net->is_training();
    std::vector<bool> wanted;
    for (const auto& p : net->parameters())
        wanted.push_back(p.requires_grad());
    std::vector<torch::Tensor> weights = net->weightParameters();
    for (auto& p : weights)
        p.requires_grad_(true);
    for (auto& t : net->thetaParameters())
        t.requires_grad_(false);
    // A fresh optimiser: the search's momentum belongs to the mix of paths, not this one.
    torch::optim::SGD opt(weights, torch::optim::SGDOptions(lr_).momentum(kMomentum));
    const Dataset& split = data_.wSplit();
    const int64_t perEpoch = std::max<int64_t>(1, data_.steps(split, batch_));
    const auto device = net->thetaParameters().front().device();
    net->train();
    torch::Tensor order;
    for (int step = 0; step < steps_; ++step) {
        if (step % perEpoch == 0)
            order = data_.order(split, seed_, static_cast<int>(step / perEpoch), kFineTuneOrder);
        auto [x, y] = data_.batch(split, order, step % perEpoch, batch_, true,
                                  SeededRng::derive(seed_, kFineTuneAugment + step));
        const double lr = 0.5 * lr_ * (1.0 + std::cos(M_PI * step / steps_));
        for (auto& group : opt.param_groups())
            static_cast<torch::optim::SGDOptions&>(group.options()).lr(lr);
        for (auto& p : weights) // dropped, not zeroed: the paths not run stay as they are
            p.mutable_grad() = torch::Tensor();
        torch::nn::functional::cross_entropy(net->forwardPath(x.to(device), choice), y.to(device))
            .backward();
        opt.step();
    }
    const double accuracy = scorer.oneShotAccuracy(net, choice);
    {
        torch::NoGradGuard noGrad;
        size_t i = 0;
        for (auto& p : net->parameters()) {
            p.copy_(state[i]);
            p.mutable_grad() = torch::Tensor();
            p.requires_grad_(wanted[i++]);
        }
        for (auto& b : net->buffers())
            b.copy_(state[i++]);
    }
    net->train(wasTraining);
    return accuracy;
}

} // namespace dnas
