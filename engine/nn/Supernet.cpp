// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/nn/Supernet.h"
#include "engine/nn/ChannelsLast.h"
#include "engine/util/DnasError.h"

#include <string>

namespace dnas {

SupernetImpl::SupernetImpl(const SearchSpace& space, bool shareKernels) : space_(space) {
    space_.check(space_.name);
    stem_ =
        register_module("stem", Stem(space_.input_channels, space_.stem_c_out, space_.stem_stride));
    layerList_ = register_module("layers", torch::nn::ModuleList());
    const auto shapes = space_.layerShapes();
    for (size_t l = 0; l < shapes.size(); ++l) {
        std::vector<OpSpec> ops;
        for (const auto& name : space_.layers[l].candidates)
            ops.push_back(space_.op(name));
        layers_.push_back(MixedOp(ops, shapes[l], space_.always_pw, shareKernels));
        layerList_->push_back(layers_.back());
        thetas_.push_back(register_parameter("theta_" + std::to_string(l),
                                             torch::zeros({static_cast<int64_t>(ops.size())})));
    }
    head_ =
        register_module("head", Head(space_.lastChannels(), space_.head_c_out, space_.num_classes));
}

void SupernetImpl::checkLayer(int64_t l) const {
    if (l < 0 || l >= numLayers())
        throw DnasError("", "",
                        "layer " + std::to_string(l) + " out of range 0.." +
                            std::to_string(numLayers() - 1));
}

torch::Tensor SupernetImpl::theta(int64_t l) const {
    checkLayer(l);
    return thetas_[static_cast<size_t>(l)];
}

MixedOp SupernetImpl::layer(int64_t l) const {
    checkLayer(l);
    return layers_[static_cast<size_t>(l)];
}

std::vector<torch::Tensor> SupernetImpl::weightParameters() const {
    // θ is registered on this module directly and nowhere else, so the children hold exactly
    // the other parameters.
    std::vector<torch::Tensor> out;
    for (const auto& child : children())
        for (const auto& p : child->parameters(/*recurse=*/true))
            out.push_back(p);
    return out;
}

torch::Tensor SupernetImpl::forward(torch::Tensor x, const std::vector<torch::Tensor>& mix,
                                    bool sparse) {
    if (static_cast<int64_t>(mix.size()) != numLayers())
        throw DnasError("", "",
                        "got mixing weights for " + std::to_string(mix.size()) +
                            " layers, the supernet has " + std::to_string(numLayers()));
    torch::Tensor h = stem_->forward(toChannelsLast(x));
    for (size_t l = 0; l < layers_.size(); ++l)
        h = layers_[l]->forward(h, mix[l], sparse);
    return head_->forward(h);
}

torch::Tensor SupernetImpl::forwardPaths(torch::Tensor x, const std::vector<torch::Tensor>& mix,
                                         const std::vector<std::vector<int64_t>>& paths) {
    if (static_cast<int64_t>(mix.size()) != numLayers() ||
        static_cast<int64_t>(paths.size()) != numLayers())
        throw DnasError("", "",
                        "got mixing weights for " + std::to_string(mix.size()) +
                            " layers and paths for " + std::to_string(paths.size()) +
                            ", the supernet has " + std::to_string(numLayers()));
    torch::Tensor h = stem_->forward(toChannelsLast(x));
    for (size_t l = 0; l < layers_.size(); ++l)
        h = layers_[l]->forwardPaths(h, mix[l], paths[l]);
    return head_->forward(h);
}

torch::Tensor SupernetImpl::forwardPath(torch::Tensor x, const std::vector<int64_t>& choice) {
    if (static_cast<int64_t>(choice.size()) != numLayers())
        throw DnasError("", "",
                        "got a choice for " + std::to_string(choice.size()) +
                            " layers, the supernet has " + std::to_string(numLayers()));
    torch::Tensor h = stem_->forward(toChannelsLast(x));
    for (size_t l = 0; l < layers_.size(); ++l)
        h = layers_[l]->forwardOne(h, choice[l]);
    return head_->forward(h);
}

} // namespace dnas
