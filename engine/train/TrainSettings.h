// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>

namespace dnas {

// Retraining a chosen architecture from scratch (the last step of FBNet).
struct TrainSettings {
    int epochs = 30;
    int batch_size = 128;
    double lr = 0.1; // SGD, scaled by batch_size / 256, cosine decay
    double momentum = 0.9;
    double weight_decay = 5e-4;
    double label_smoothing = 0.1;
    bool augment = true;
    int crop_padding = -1; // random-crop padding in pixels; -1: 4 per 32 of input size
    uint64_t seed = 1;
    int64_t limit = 0; // first N training images (0: all); the test set stays whole
    int threads = 0;   // 0: all cores

    double scaledLr() const { return lr * batch_size / 256.0; }
    nlohmann::json toJson() const;
    static TrainSettings fromJson(const nlohmann::json& j, const std::string& file);
};

struct TrainProgress {
    int epoch = 0, epochs = 0;
    int64_t step = 0, steps = 0;
    double loss = 0.0;
    double train_accuracy = 0.0;
    double test_accuracy = -1.0; // after each epoch's evaluation; -1 before
    double images_per_s = 0.0;
    double eta_s = 0.0;
};

struct TrainResult {
    double test_accuracy = 0.0;
    double test_loss = 0.0;
    int64_t test_images = 0; // images the test accuracy was measured on
    double seconds = 0.0;
    int64_t macs = 0, params = 0;
    std::string weights_path;
    std::string arch_path;
};

} // namespace dnas
