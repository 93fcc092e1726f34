// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/dist/DistSettings.h"

#include <torch/torch.h>

#include <memory>
#include <vector>

namespace dnas {

// This process's membership in a data-parallel group: a c10d TCPStore (served by rank 0) and a
// ProcessGroupGloo on top of it. Every collective must be called by all ranks in the same
// order. A peer that dies or stays silent longer than the timeout turns into a DnasError
// ("rank 0: rank 1 stopped responding (...)") instead of a hang.
class DistContext {
  public:
    enum class Op { Sum, Min, Max };

    // Meets the other ranks; throws DnasError when they do not all arrive within the timeout.
    explicit DistContext(const DistSettings& settings);
    ~DistContext();
    DistContext(const DistContext&) = delete;
    DistContext& operator=(const DistContext&) = delete;

    int rank() const { return settings_.rank; }
    int size() const { return settings_.world_size; }
    const DistSettings& settings() const { return settings_; }

    // In place, over all ranks: dense CPU tensors of any floating dtype (one round trip each).
    void allReduce(torch::Tensor& tensor, Op op = Op::Sum);

  private:
    [[noreturn]] void fail(const std::exception& e) const;
    struct Impl;
    DistSettings settings_;
    std::unique_ptr<Impl> d;
};

} // namespace dnas
