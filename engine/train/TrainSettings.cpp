// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/train/TrainSettings.h"
#include "engine/util/DnasError.h"
#include "engine/util/JsonFile.h"

#include <nlohmann/json.hpp>

namespace dnas {

namespace {
constexpr int kMaxThreads = 1024; // as the command line's --threads: a typo, not a machine
} // namespace

nlohmann::json TrainSettings::toJson() const {
    return {{"epochs", epochs},
            {"batch_size", batch_size},
            {"lr", lr},
            {"momentum", momentum},
            {"weight_decay", weight_decay},
            {"label_smoothing", label_smoothing},
            {"augment", augment},
            {"crop_padding", crop_padding},
            {"seed", seed},
            {"limit", limit},
            {"threads", threads}};
}

TrainSettings TrainSettings::fromJson(const nlohmann::json& j, const std::string& file) {
    TrainSettings s;
    const nlohmann::json defaults = s.toJson();
    if (!j.is_object())
        throw DnasError(file, "train", "expected an object");
    for (const auto& [key, value] : j.items())
        if (!defaults.contains(key))
            throw DnasError(file, "train." + key, "unknown setting");
    JsonReader r(j, file, "train");
    s.epochs = r.getInt("epochs", s.epochs);
    s.batch_size = r.getInt("batch_size", s.batch_size);
    s.lr = r.getDouble("lr", s.lr);
    s.momentum = r.getDouble("momentum", s.momentum);
    s.weight_decay = r.getDouble("weight_decay", s.weight_decay);
    s.label_smoothing = r.getDouble("label_smoothing", s.label_smoothing);
    s.augment = r.getBool("augment", s.augment);
    s.crop_padding = r.getInt("crop_padding", s.crop_padding);
    if (r.has("seed")) {
        // Checked: get<uint64_t>() would throw a json exception on a string and convert 1e300
        // with undefined behaviour (tests/fuzz, FuzzStudy).
        if (!j["seed"].is_number_unsigned())
            r.fail("seed", "expected a non-negative integer");
        s.seed = j["seed"].get<uint64_t>();
    }
    if (r.has("limit"))
        s.limit = r.getInt("limit");
    s.threads = r.getInt("threads", s.threads);
    if (s.epochs < 1 || s.epochs > 10000)
        r.fail("epochs", "must be in 1..10000");
    if (s.batch_size < 1 || s.batch_size > 65536)
        r.fail("batch_size", "must be in 1..65536");
    if (!(s.lr > 0))
        r.fail("lr", "must be > 0");
    if (s.weight_decay < 0)
        r.fail("weight_decay", "must be >= 0");
    if (s.crop_padding < -1 || s.crop_padding > 64)
        r.fail("crop_padding", "must be in -1..64");
    if (s.label_smoothing < 0 || s.label_smoothing >= 1)
        r.fail("label_smoothing", "must be in [0, 1)");
    // Momentum 1 never forgets a gradient and above it the steps grow without bound.
    if (!(s.momentum >= 0 && s.momentum < 1))
        r.fail("momentum", "must be in [0, 1)");
    if (s.limit < 0)
        r.fail("limit", "must be >= 0 (0: all training images)");
    if (s.threads < 0 || s.threads > kMaxThreads)
        r.fail("threads", "must be in 0.." + std::to_string(kMaxThreads) + " (0: all cores)");
    return s;
}

} // namespace dnas
