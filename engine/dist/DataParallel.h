// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/dist/DistSettings.h"
#include "engine/nn/BatchNormHook.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <memory>

namespace dnas {

class DistContext;
class GradientSync;
class StopPauseToken;

// What the search loop asks of data parallelism, step by step. Every rank computes the same
// global batch (same order, same augmentation seed) and keeps its own rows; the Gumbel noise
// and τ come from the same per-step seed everywhere; batch norms see global statistics; the
// gradients are averaged before each optimiser step; so the ranks' weights stay identical and
// the run follows the same trajectory as one process on the whole batch. With one process
// every call is a no-op or the local answer.
class DataParallel {
  public:
    // Joins the group (blocking until every rank is there) when settings.world_size > 1.
    // The global batch must split into equal shards.
    DataParallel(const DistSettings& settings, int batchSize);
    ~DataParallel();
    DataParallel(const DataParallel&) = delete;
    DataParallel& operator=(const DataParallel&) = delete;

    bool active() const { return settings_.active(); }
    bool writes() const { return settings_.writes(); }
    int rank() const { return settings_.rank; }
    int size() const { return settings_.world_size; }

    // This rank's rows of a global batch (dimension 0).
    torch::Tensor shard(const torch::Tensor& globalBatch) const;
    // Start of a step: waits while paused; false on every rank as soon as any rank was asked
    // to stop (that rank's request is copied into this rank's control).
    bool keepGoing(StopPauseToken& control);
    // End of an epoch: true on every rank when any rank was asked to stop.
    bool stopAgreed(StopPauseToken& control);
    // Between backward() and the optimiser step.
    void averageGradients(torch::optim::Optimizer& optimizer);
    // A step's numbers over the global batch: loss and ce averaged, correct and n summed.
    void reduceStepMetrics(double& loss, double& ce, double& correct, double& n);
    // Throws a DnasError on every rank unless all ranks start from the same point: the given
    // facts (name -> number) and a checksum of the module's parameters and buffers.
    void checkSameStart(torch::nn::Module& net, const nlohmann::json& facts);
    // Synchronised batch norm on this thread while the returned scope lives (null when
    // there is one process).
    std::unique_ptr<BatchNormHook::Scope> syncBatchNorm();

  private:
    bool anyRank(bool flag);
    DistSettings settings_;
    std::unique_ptr<DistContext> context_;
    std::unique_ptr<GradientSync> gradients_;
};

} // namespace dnas
