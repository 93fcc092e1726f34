// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/util/DnasError.h"

#include <torch/torch.h>

#include <string>
#include <vector>

namespace dnas {

// One split of a dataset, held whole in memory. Images stay uint8 (N,C,H,W) so Fashion-MNIST
// costs 47 MB instead of 188 MB as float; batches are converted and normalised on the fly.
struct Dataset {
    torch::Tensor images; // uint8 (N,C,H,W), contiguous
    torch::Tensor labels; // int64 (N), each in [0, num_classes)
    int num_classes = 0;
    std::vector<std::string> class_names; // num_classes entries
    std::string source;                   // path(s) it was read from, for messages and cards

    int64_t size() const { return images.defined() ? images.size(0) : 0; }
    int channels() const { return static_cast<int>(images.size(1)); }
    int height() const { return static_cast<int>(images.size(2)); }
    int width() const { return static_cast<int>(images.size(3)); }

    // Labels outside [0, num_classes) are a DnasError naming `file` and the first bad index.
    void checkLabels(const std::string& file) const {
        const torch::Tensor bad = ((labels < 0) | (labels >= num_classes)).nonzero();
        if (bad.numel() == 0)
            return;
        const int64_t i = bad[0][0].item<int64_t>();
        throw DnasError(file, "label[" + std::to_string(i) + "]",
                        "label " + std::to_string(labels[i].item<int64_t>()) +
                            " out of range [0, " + std::to_string(num_classes) + ")");
    }

    // Copies of the selected samples (indices: int64 1-D); shares class names and source.
    Dataset select(const torch::Tensor& indices) const {
        Dataset out = *this;
        out.images = images.index_select(0, indices).contiguous();
        out.labels = labels.index_select(0, indices).contiguous();
        return out;
    }
};

// What a reader returns: the official training set and the official test set.
struct DatasetPair {
    Dataset train;
    Dataset test;
};

} // namespace dnas
