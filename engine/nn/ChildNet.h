// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/nn/Head.h"
#include "engine/nn/Stem.h"
#include "engine/space/Architecture.h"
#include "engine/space/LayerSpec.h"
#include "engine/space/OpSpec.h"
#include "engine/space/SearchSpace.h"

#include <torch/torch.h>
#include <vector>

namespace dnas {

// One architecture of a space as a plain network (retraining, export, latency of a whole net):
// stem -> one block per layer (the architecture's op) -> head. The head width honours the
// architecture's override (arch.applyTo(space), FBNet-A's 1504). Module names are stable for
// exporters: "stem.*", "blocks.<l>.*", "head.*".
class ChildNetImpl : public torch::nn::Module {
  public:
    // Throws DnasError when the space does not validate or the architecture does not fit it.
    ChildNetImpl(const SearchSpace& space, const Architecture& arch);

    // Logits; the input is made channels-last (docs/architecture.md §9).
    torch::Tensor forward(torch::Tensor x);

    // The space with the architecture applied (its head_c_out is the one built).
    const SearchSpace& space() const { return space_; }
    const Architecture& architecture() const { return arch_; }
    // Per layer: the op, the shape, and the module (blocks->ptr(l)->as<IRBlockImpl>() or
    // ->as<SkipBlockImpl>() for the concrete block).
    const std::vector<OpSpec>& ops() const { return ops_; }
    const std::vector<LayerShape>& shapes() const { return shapes_; }
    int64_t numBlocks() const { return static_cast<int64_t>(ops_.size()); }

    Stem stem{nullptr};
    torch::nn::Sequential blocks{nullptr};
    Head head{nullptr};

  private:
    SearchSpace space_;
    Architecture arch_;
    std::vector<OpSpec> ops_;
    std::vector<LayerShape> shapes_;
};
TORCH_MODULE(ChildNet);

} // namespace dnas
