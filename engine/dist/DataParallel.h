// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/dist/DistContext.h"
#include "engine/dist/DistSettings.h"
#include "engine/dist/GradientSync.h"
#include "engine/nn/BatchNormHook.h"
#include "engine/search/SearchSettings.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <memory>

namespace dnas {

class StopPauseToken;

// What the search loop asks of data parallelism, step by step. Every rank computes the same
// global batch (same order, same augmentation seed) and keeps its own rows; the Gumbel noise
// and τ come from the same per-step seed everywhere; batch norms see global statistics
// (BatchNormSync::Global) or the rank's own (Local, whose running statistics are averaged at
// syncRunningStats()); the gradients are averaged before each optimiser step, in buckets that
// start while backward runs; so the ranks' weights stay identical and, with global batch norm,
// the run follows the same trajectory as one process on the whole batch. With one process
// every call is a no-op or the local answer.
class DataParallel {
  public:
    // Joins the group (blocking until every rank is there) when settings.world_size > 1.
    // The global batch must split into equal shards.
    DataParallel(const DistSettings& settings, int batchSize,
                 BatchNormSync batchNorm = BatchNormSync::Global,
                 int64_t bucketBytes = GradientSync::kDefaultBucketBytes);
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
    // Just before loss.backward() (the optimizer's gradients cleared): gradient buckets then
    // start their all-reduce as backward fills them. Optional: without it,
    // averageGradients() does all the work after backward.
    void beforeBackward(const torch::Tensor& loss, torch::optim::Optimizer& optimizer);
    // Between backward() and the optimiser step.
    void averageGradients(torch::optim::Optimizer& optimizer);
    // Local batch norm: replaces every rank's running statistics by their mean over the
    // ranks, so evaluation and checkpoints see the same net everywhere (once per change; a
    // no-op with global batch norm, whose statistics never differ).
    void syncRunningStats(torch::nn::Module& net);
    // Throws a DnasError on every rank unless the ranks' parameters and buffers are the same
    // (a cheap checksum; `when` names the moment in the message).
    void checkSameWeights(torch::nn::Module& net, const std::string& when);
    // Collectives called so far (zero with one process).
    DistContext::Counts collectiveCounts() const;
    // A step's numbers over the global batch: loss and ce averaged, correct and n summed.
    void reduceStepMetrics(double& loss, double& ce, double& correct, double& n);
    // Throws a DnasError on every rank unless all ranks start from the same point: the given
    // facts (name -> number) and a checksum of the module's parameters and buffers.
    void checkSameStart(torch::nn::Module& net, const nlohmann::json& facts);
    // Synchronised batch norm on this thread while the returned scope lives (null when
    // there is one process or batch norm is local).
    std::unique_ptr<BatchNormHook::Scope> syncBatchNorm();

  private:
    bool anyRank(bool flag);
    void checkSame(torch::nn::Module& net, const nlohmann::json& facts, const std::string& what);
    DistSettings settings_;
    BatchNormSync batchNorm_;
    int64_t bucketBytes_;
    bool statsDirty_ = false; // local batch norm trained since the last syncRunningStats()
    std::unique_ptr<DistContext> context_;
    std::unique_ptr<GradientSync> gradients_;
};

} // namespace dnas
