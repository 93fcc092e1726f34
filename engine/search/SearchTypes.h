// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Plain value structs the engine reports to observers (the CLI, the GUI thread). No tensors, no
// Qt: they are copied across threads as they are.
#include <cstdint>
#include <string>
#include <vector>

namespace dnas {

// Finalists: after the last epoch, step = finalist, steps_in_phase = how many (SearchSettings).
enum class StepPhase { Warmup, Weights, Theta, Finalists };
const char* toString(StepPhase p);

struct StepMetrics {
    int epoch = 0; // 0-based
    int step = 0;  // within the phase of this epoch
    int steps_in_phase = 0;
    int64_t global_step = 0;
    StepPhase phase = StepPhase::Weights;
    double loss = 0.0;
    double ce = 0.0;
    double expected_cost = 0.0; // in the cost model's unit (µs for latency)
    double accuracy = 0.0;      // batch top-1, 0..1
    double images_per_s = 0.0;
    double lr = 0.0;
    double eta_s = 0.0; // to the end of the search
};

struct LayerProbabilities {
    std::vector<std::string> ops; // candidate names of this layer
    std::vector<double> probs;    // softmax(theta), same order
    double entropy = 0.0;         // nats
};

struct EpochMetrics {
    int epoch = 0;
    int epochs = 0;
    bool warmup = false;
    double temperature = 0.0;
    double train_loss = 0.0, train_accuracy = 0.0;
    double val_loss = 0.0, val_accuracy = 0.0; // supernet on the theta split
    double expected_cost = 0.0;
    double images_per_s = 0.0;
    double seconds = 0.0;
    std::vector<LayerProbabilities> layers;
    double meanEntropy() const;
};

struct SampledArchitecture {
    int epoch = 0;
    std::string arch; // canonical string
    std::vector<std::string> ops;
    bool is_argmax = false;
    double accuracy = 0.0;    // one-shot, on the validation slice
    double fine_tuned = -1.0; // finalists only: after their fine-tune (PathFineTuner); else < 0
    double cost = 0.0;        // exact, in the cost model's unit
    double macs = 0.0;
    double params = 0.0;
    double log_prob = 0.0; // under softmax(theta)
    bool pareto = false;   // non-dominated within its set
};

struct SampleSet {
    int epoch = 0;
    std::string cost_unit;
    std::vector<SampledArchitecture> samples;
};

// Indices of the non-dominated points: higher accuracy and lower cost are better.
std::vector<size_t> paretoFront(const std::vector<SampledArchitecture>& points);
void markPareto(std::vector<SampledArchitecture>& points);

} // namespace dnas
