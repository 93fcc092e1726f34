// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <torch/torch.h>

#include <cstdint>
#include <memory>
#include <vector>

namespace dnas {

class DistContext;

// Averages gradients over all ranks between backward() and the optimiser step, so every rank
// applies the same update to the same weights. Gradients travel packed in buckets of about
// `bucketBytes` (DDP's design): a supernet has hundreds of small tensors, and each all-reduce
// pays a round trip. Buckets hold the parameters in reverse order, the order backward produces
// their gradients; with beginBackward() each bucket's all-reduce starts as soon as its last
// gradient is accumulated, while backward still runs, and finish() waits for all of them.
// Which gradients are defined follows from the graph, which is the same on every rank, so the
// buckets and their launch order are the same everywhere.
class GradientSync {
  public:
    // DDP's default bucket: large enough that a round trip is small beside its transfer.
    static constexpr int64_t kDefaultBucketBytes = 25 * 1024 * 1024;

    explicit GradientSync(DistContext& context, int64_t bucketBytes = kDefaultBucketBytes);
    ~GradientSync();
    GradientSync(const GradientSync&) = delete;
    GradientSync& operator=(const GradientSync&) = delete;

    // After backward: every defined gradient averaged, bucket by bucket.
    void average(const std::vector<torch::Tensor>& parameters);
    // Every parameter of every group of `optimizer`.
    void average(torch::optim::Optimizer& optimizer);

    // Before loss.backward(): plans the buckets for the parameters that `loss`'s graph reaches
    // and hooks their gradient accumulation. Their gradients must be undefined (cleared), so
    // that what backward accumulates is this step's gradient alone.
    void beginBackward(const torch::Tensor& loss, const std::vector<torch::Tensor>& parameters);
    // After loss.backward(): starts the buckets not yet started, waits for all, and writes the
    // averages into the gradients. A rank that died meanwhile is a DnasError naming it.
    void finish();
    // Whether beginBackward() was called and finish() not yet.
    bool inBackward() const { return plan_ != nullptr; }

    // All-reduces each step has started: buckets, most of the time (tests, counters).
    int64_t bucketsLastStep() const { return bucketsLastStep_; }

    static std::vector<torch::Tensor> parametersOf(torch::optim::Optimizer& optimizer);

  private:
    struct Plan;
    void launchReady();
    DistContext& context_;
    int64_t bucketBytes_;
    std::unique_ptr<Plan> plan_;
    int64_t bucketsLastStep_ = 0;
};

} // namespace dnas
