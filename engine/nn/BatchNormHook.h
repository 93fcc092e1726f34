// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <torch/torch.h>

#include <functional>

namespace dnas {

// The blocks normalise through BatchNormHook::apply(bn, x) rather than bn->forward(x). It is
// the module's own forward unless a hook is installed on the calling thread: a data-parallel
// search installs one that takes training-mode statistics over the whole global batch, not
// this rank's shard (dist/SyncBatchNorm). The modules stay plain BatchNorm2d, so checkpoints,
// exporters and BN folding see no difference.
class BatchNormHook {
  public:
    using Fn = std::function<torch::Tensor(torch::nn::BatchNorm2dImpl&, const torch::Tensor&)>;

    static torch::Tensor apply(torch::nn::BatchNorm2d& bn, const torch::Tensor& x);
    // Whether a hook is installed on the calling thread.
    static bool installed();

    // Installs `fn` for training-mode batch norms on this thread while the scope lives.
    class Scope {
      public:
        explicit Scope(Fn fn);
        ~Scope();
        Scope(const Scope&) = delete;
        Scope& operator=(const Scope&) = delete;

      private:
        Fn previous_;
    };
};

} // namespace dnas
