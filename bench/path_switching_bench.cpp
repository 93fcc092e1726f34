// SPDX-License-Identifier: GPL-3.0-or-later
// Does a supernet learn when its path changes every step? (issue #20, docs/search.md)
//
// Trains a fresh fbnet-fmnist supernet for --steps SGD steps on Fashion-MNIST along one path
// schedule at a time, from the same initial weights and batches, and prints the mean
// cross-entropy of every --window steps as JSON lines, side by side:
//   largest   each layer's largest candidate (the warm-up of the one-path modes)
//   fixed     one path drawn at random once and kept
//   uniform   a path drawn uniformly per step (SPOS; what w steps from a flat θ run)
//   uniform-M the same among each layer's first M candidates (--narrow M)
//   sandwich  the largest and a uniform path each step, gradients summed (the CE printed is
//             the uniform path's)
//
//   path_switching_bench [--steps 120] [--share yes|no] [--narrow 2] [--lr 0.05]
#include "engine/data/IdxReader.h"
#include "engine/nn/MixedOp.h"
#include "engine/nn/Supernet.h"
#include "engine/space/SearchSpace.h"

#include <cstdlib>
#include <iostream>
#include <random>
#include <string>
#include <vector>

using namespace dnas;

namespace {
constexpr int kBatch = 64;
constexpr int64_t kImages = 8192; // enough distinct batches for a few hundred steps
constexpr double kMean = 0.286;   // Fashion-MNIST pixel mean and std, as the data path
constexpr double kStd = 0.353;
constexpr uint32_t kPathSeed = 3; // the same drawn paths for every schedule

struct Options {
    int steps = 120, window = 20, narrow = 2;
    bool share = true;
    double lr = 0.05, momentum = 0.9;
    std::string data = "/usr/share/datasets/fashion-mnist";
};

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string k = argv[i], v = argv[i + 1];
        if (k == "--steps")
            o.steps = std::stoi(v);
        else if (k == "--window")
            o.window = std::stoi(v);
        else if (k == "--narrow")
            o.narrow = std::stoi(v);
        else if (k == "--share")
            o.share = v == "yes";
        else if (k == "--lr")
            o.lr = std::stod(v);
        else if (k == "--momentum")
            o.momentum = std::stod(v);
        else if (k == "--data")
            o.data = v;
        else
            throw std::runtime_error("unknown option " + k);
    }
    return o;
}

// The path of one step under `schedule`; "uniform" and "sandwich" draw among the first `narrow`.
std::vector<int64_t> pathFor(const Supernet& net, const std::string& schedule, int narrow,
                             const std::vector<int64_t>& fixed, std::mt19937& rng) {
    std::vector<int64_t> path;
    for (int64_t l = 0; l < net->numLayers(); ++l) {
        const MixedOp layer = net->layer(l);
        if (schedule == "largest")
            path.push_back(layer->largestCandidate());
        else if (schedule == "fixed")
            path.push_back(fixed[static_cast<size_t>(l)]);
        else
            path.push_back(static_cast<int64_t>(rng() % std::min<int64_t>(narrow, layer->size())));
    }
    return path;
}

void run(const Options& o, const SearchSpace& space, const torch::Tensor& x, const torch::Tensor& y,
         const std::string& schedule, int narrow) {
    torch::manual_seed(1);
    Supernet net(space, o.share);
    torch::optim::SGD opt(net->weightParameters(),
                          torch::optim::SGDOptions(o.lr).momentum(o.momentum));
    std::mt19937 rng(kPathSeed);
    std::vector<int64_t> fixed;
    for (int64_t l = 0; l < net->numLayers(); ++l)
        fixed.push_back(static_cast<int64_t>(rng() % net->layer(l)->size()));
    net->train();
    double sum = 0.0;
    for (int step = 0; step < o.steps; ++step) {
        const int64_t at = (static_cast<int64_t>(step) * kBatch) % (kImages - kBatch);
        const torch::Tensor xb = x.narrow(0, at, kBatch), yb = y.narrow(0, at, kBatch);
        // Gradients dropped, not zeroed, as the search does: a path not run is not stepped.
        for (auto& p : net->weightParameters())
            p.mutable_grad() = torch::Tensor();
        const auto path = pathFor(net, schedule, narrow, fixed, rng);
        const torch::Tensor ce =
            torch::nn::functional::cross_entropy(net->forwardPath(xb, path), yb);
        ce.backward();
        if (schedule == "sandwich")
            torch::nn::functional::cross_entropy(
                net->forwardPath(xb, pathFor(net, "largest", 0, fixed, rng)), yb)
                .backward();
        opt.step();
        sum += ce.item<double>();
        if ((step + 1) % o.window == 0) {
            std::cout << "{\"schedule\":\"" << schedule << "\",\"narrow\":" << narrow
                      << ",\"share\":" << (o.share ? "true" : "false") << ",\"step\":" << step + 1
                      << ",\"mean_ce\":" << sum / o.window << "}" << std::endl;
            sum = 0.0;
        }
    }
}
} // namespace

int main(int argc, char** argv) {
    try {
        const Options o = parse(argc, argv);
        torch::set_num_threads(1);
        const SearchSpace space = SearchSpace::load("fbnet-fmnist");
        const torch::Tensor x =
            IdxReader::readImages(IdxReader::findFile(o.data, "train", "images"), kImages)
                .to(torch::kFloat)
                .div(255.0)
                .sub(kMean)
                .div(kStd);
        const torch::Tensor y =
            IdxReader::readLabels(IdxReader::findFile(o.data, "train", "labels"), kImages);
        for (const char* schedule : {"largest", "fixed", "uniform"})
            run(o, space, x, y, schedule, 99);
        run(o, space, x, y, "uniform", o.narrow);
        run(o, space, x, y, "sandwich", 99);
    } catch (const std::exception& e) {
        std::cerr << "path_switching_bench: " << e.what() << std::endl;
        return 1;
    }
    return 0;
}
