// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/search/ArchitectureSampler.h"
#include "engine/cost/ModelCounter.h"
#include "engine/search/GumbelMixer.h"
#include "engine/search/SearchData.h"
#include "engine/space/Architecture.h"

#include <cmath>
#include <set>

namespace dnas {

ArchitectureSampler::ArchitectureSampler(const CostTable& costs, const SearchData& data,
                                         int64_t evalLimit, int evalBatch)
    : costs_(costs), data_(data), evalLimit_(evalLimit), evalBatch_(evalBatch) {}

std::vector<int64_t> ArchitectureSampler::argmax(const Supernet& net) const {
    std::vector<int64_t> choice;
    for (const auto& p : GumbelMixer::probabilities(net->thetaParameters()))
        choice.push_back(static_cast<int64_t>(std::max_element(p.begin(), p.end()) - p.begin()));
    return choice;
}

double ArchitectureSampler::oneShotAccuracy(Supernet& net,
                                            const std::vector<int64_t>& choice) const {
    torch::NoGradGuard noGrad;
    // The running BN statistics were gathered under the Gumbel mix of all candidates and do
    // not describe one path (one-shot accuracy near chance with them), so each path is scored
    // with its own batch statistics, as SPOS recalibrates BN per path. Train mode updates the
    // running statistics, so they are put back afterwards.
    std::vector<torch::Tensor> buffers = net->buffers();
    std::vector<torch::Tensor> saved;
    saved.reserve(buffers.size());
    for (const auto& b : buffers)
        saved.push_back(b.clone());
    const bool wasTraining = net->is_training();
    net->train();
    const Dataset& val = data_.validation();
    const int64_t n = evalLimit_ > 0 ? std::min(evalLimit_, val.size()) : val.size();
    int64_t correct = 0;
    for (int64_t begin = 0; begin < n; begin += evalBatch_) {
        auto [x, y] = data_.evalBatch(val, begin, std::min(n, begin + evalBatch_));
        const auto device = net->thetaParameters().front().device();
        const torch::Tensor logits = net->forwardPath(x.to(device), choice);
        correct += logits.argmax(1).cpu().eq(y).sum().item<int64_t>();
    }
    for (size_t i = 0; i < buffers.size(); ++i)
        buffers[i].copy_(saved[i]);
    net->train(wasTraining);
    return n > 0 ? static_cast<double>(correct) / static_cast<double>(n) : 0.0;
}

SampledArchitecture ArchitectureSampler::describe(const Supernet& net,
                                                  const std::vector<int64_t>& choice,
                                                  int epoch) const {
    const SearchSpace& space = net->space();
    const auto probs = GumbelMixer::probabilities(net->thetaParameters());
    SampledArchitecture a;
    a.epoch = epoch;
    Architecture arch;
    arch.space = space.name;
    for (size_t l = 0; l < choice.size(); ++l) {
        arch.ops.push_back(space.layers[l].candidates[static_cast<size_t>(choice[l])]);
        a.log_prob += std::log(std::max(probs[l][static_cast<size_t>(choice[l])], 1e-300));
    }
    a.ops = arch.ops;
    a.arch = arch.toString();
    a.cost = costs_.cost(choice);
    const OpCount total = ModelCounter::count(space, arch).total();
    a.macs = static_cast<double>(total.macs);
    a.params = static_cast<double>(total.params);
    return a;
}

SampleSet ArchitectureSampler::sample(Supernet& net, int epoch, int k, uint64_t seed) const {
    SampleSet set;
    set.epoch = epoch;
    set.cost_unit = costs_.unit;
    const auto probs = GumbelMixer::probabilities(net->thetaParameters());
    auto gen = at::detail::createCPUGenerator(seed);
    std::set<std::vector<int64_t>> seen;
    std::vector<std::pair<std::vector<int64_t>, bool>> choices;
    choices.emplace_back(argmax(net), true);
    seen.insert(choices.front().first);
    for (int i = 0; i < k; ++i) {
        std::vector<int64_t> choice;
        for (const auto& p : probs) {
            const torch::Tensor pt = torch::tensor(p, torch::kDouble);
            choice.push_back(torch::multinomial(pt, 1, false, gen).item<int64_t>());
        }
        if (seen.insert(choice).second)
            choices.emplace_back(choice, false);
    }
    for (const auto& [choice, isArgmax] : choices) {
        SampledArchitecture a = describe(net, choice, epoch);
        a.is_argmax = isArgmax;
        a.accuracy = oneShotAccuracy(net, choice);
        set.samples.push_back(std::move(a));
    }
    markPareto(set.samples);
    return set;
}

} // namespace dnas
