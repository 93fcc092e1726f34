// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Synthetic engine reports for the view tests: deterministic, shaped like a real search.
#include "engine/search/SearchTypes.h"
#include "engine/space/SearchSpace.h"

#include <cmath>
#include <random>
#include <string>
#include <vector>

namespace dnas::test {

// softmax(θ) for every layer of space at one epoch, θ drawn from a seeded generator.
inline EpochMetrics makeEpoch(const SearchSpace& space, int epoch, unsigned seed) {
    std::mt19937 rng(seed * 7919u + static_cast<unsigned>(epoch));
    std::normal_distribution<double> theta(0.0, 1.0 + epoch * 0.1);
    EpochMetrics m;
    m.epoch = epoch;
    m.epochs = 200;
    m.temperature = 5.0 * std::exp(-0.045 * epoch);
    m.train_loss = 2.0 / (1 + epoch);
    m.val_loss = 2.2 / (1 + epoch);
    m.train_accuracy = 1.0 - 0.5 / (1 + epoch);
    m.val_accuracy = 1.0 - 0.6 / (1 + epoch);
    m.expected_cost = 30000.0 - 50.0 * epoch;
    m.images_per_s = 900.0 + epoch;
    for (const auto& layer : space.layers) {
        LayerProbabilities lp;
        lp.ops = layer.candidates;
        double sum = 0.0;
        for (size_t i = 0; i < lp.ops.size(); ++i) {
            lp.probs.push_back(std::exp(theta(rng)));
            sum += lp.probs.back();
        }
        for (double& p : lp.probs) {
            p /= sum;
            lp.entropy -= p > 0 ? p * std::log(p) : 0.0;
        }
        m.layers.push_back(lp);
    }
    return m;
}

// `count` sampled architectures over `epochs` epochs, accuracy rising with cost plus noise.
inline std::vector<SampleSet> makeSamples(const SearchSpace& space, int count, int epochs,
                                          unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    std::vector<SampleSet> sets(static_cast<size_t>(epochs));
    for (int e = 0; e < epochs; ++e) {
        sets[static_cast<size_t>(e)].epoch = e;
        sets[static_cast<size_t>(e)].cost_unit = "us";
    }
    for (int i = 0; i < count; ++i) {
        SampledArchitecture a;
        a.epoch = i % epochs;
        for (const auto& layer : space.layers)
            a.ops.push_back(layer.candidates[static_cast<size_t>(u(rng) * layer.candidates.size()) %
                                             layer.candidates.size()]);
        for (size_t k = 0; k < a.ops.size(); ++k)
            a.arch += (k ? "-" : "") + a.ops[k];
        a.cost = 10000.0 + 30000.0 * u(rng);
        a.accuracy = 0.5 + 0.4 * (a.cost - 10000.0) / 30000.0 * u(rng);
        a.macs = a.cost * 1e4;
        a.params = a.cost * 150;
        a.log_prob = -40.0 * u(rng);
        a.is_argmax = i % 50 == 0;
        sets[static_cast<size_t>(a.epoch)].samples.push_back(a);
    }
    return sets;
}

inline std::vector<StepMetrics> makeSteps(int epoch, int perPhase) {
    std::vector<StepMetrics> out;
    int64_t global = static_cast<int64_t>(epoch) * 2 * perPhase;
    for (StepPhase phase : {StepPhase::Weights, StepPhase::Theta})
        for (int s = 0; s < perPhase; ++s) {
            StepMetrics m;
            m.epoch = epoch;
            m.step = s;
            m.steps_in_phase = perPhase;
            m.global_step = global++;
            m.phase = phase;
            m.loss = 2.0 / (1.0 + global * 0.01) + 0.1 * ((s * 37) % 11) / 11.0;
            m.ce = m.loss * 0.9;
            m.accuracy = 0.3 + 0.5 * (1.0 - 1.0 / (1.0 + global * 0.01));
            m.expected_cost = 30000.0 - global;
            m.images_per_s = 1000.0;
            m.lr = 0.1;
            out.push_back(m);
        }
    return out;
}

} // namespace dnas::test
