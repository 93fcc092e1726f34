// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/dist/DistSettings.h"

#include <torch/torch.h>

#include <cstdint>
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

    // Collectives this process has called and the bytes it handed to them, since it joined:
    // each all-reduce pays at least one network round trip, so the calls per step bound what a
    // slow network adds to every step (docs/architecture.md §8).
    struct Counts {
        int64_t calls = 0;
        int64_t bytes = 0;
    };
    Counts counts() const { return counts_; }

    // An all-reduce in flight: the tensor holds the result only after wait().
    class Pending {
      public:
        Pending();
        ~Pending();
        Pending(Pending&&) noexcept;
        Pending& operator=(Pending&&) noexcept;
        bool valid() const { return work_ != nullptr; }

      private:
        friend class DistContext;
        struct Work;
        std::unique_ptr<Work> work_;
    };

    // In place, over all ranks: dense CPU tensors of any floating dtype (one round trip each).
    void allReduce(torch::Tensor& tensor, Op op = Op::Sum);
    // Starts the same all-reduce and returns at once; the tensor must stay untouched until
    // wait(). Ranks must start collectives in the same order, whether they wait or not.
    Pending allReduceAsync(torch::Tensor& tensor, Op op = Op::Sum);
    // Blocks until `pending` is done; a peer that died or stayed silent past the timeout is
    // the same DnasError as for allReduce. Waiting twice is a no-op.
    void wait(Pending& pending);

  private:
    [[noreturn]] void fail(const std::exception& e) const;
    struct Impl;
    DistSettings settings_;
    Counts counts_;
    std::unique_ptr<Impl> d;
};

} // namespace dnas
