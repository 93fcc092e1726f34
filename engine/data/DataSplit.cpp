// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/data/DataSplit.h"

#include "engine/data/SeededRng.h"
#include "engine/util/DnasError.h"

#include <cmath>

namespace dnas {

nlohmann::json SplitSettings::toJson() const {
    return {{"theta_fraction", theta_fraction}, {"val_fraction", val_fraction}, {"seed", seed}};
}

SplitSettings SplitSettings::fromJson(const nlohmann::json& j, const std::string& file) {
    SplitSettings s;
    if (!j.is_object())
        throw DnasError(file, "split", "expected an object");
    try {
        s.theta_fraction = j.value("theta_fraction", s.theta_fraction);
        s.val_fraction = j.value("val_fraction", s.val_fraction);
        s.seed = j.value("seed", s.seed);
    } catch (const nlohmann::json::exception&) {
        throw DnasError(file, "split",
                        "theta_fraction/val_fraction must be numbers, seed an integer");
    }
    if (!(s.theta_fraction > 0.0 && s.theta_fraction < 1.0))
        throw DnasError(file, "split.theta_fraction", "must be in (0, 1)");
    if (!(s.val_fraction >= 0.0 && s.val_fraction < 0.5))
        throw DnasError(file, "split.val_fraction", "must be in [0, 0.5)");
    return s;
}

DataSplit::DataSplit(int64_t size, const SplitSettings& s) : size_(size), settings_(s) {
    if (!(s.theta_fraction > 0.0 && s.theta_fraction < 1.0) ||
        !(s.val_fraction >= 0.0 && s.val_fraction < 0.5))
        throw DnasError("", "split", "fractions out of range (theta in (0,1), val in [0,0.5))");
    const int64_t nv = std::llround(s.val_fraction * double(size));
    const int64_t rest = size - nv;
    const int64_t nt = std::llround(s.theta_fraction * double(rest));
    if (rest - nt < 1 || nt < 1 || (s.val_fraction > 0.0 && nv < 1))
        throw DnasError("", "split",
                        "a training set of " + std::to_string(size) +
                            " samples is too small to split into w / theta / validation");
    SeededRng rng(s.seed);
    const torch::Tensor perm = rng.permutation(size);
    validation_ = std::get<0>(perm.narrow(0, 0, nv).sort());
    theta_ = std::get<0>(perm.narrow(0, nv, nt).sort());
    weights_ = std::get<0>(perm.narrow(0, nv + nt, rest - nt).sort());
    if (nv == 0)
        validation_ = theta_;
}

nlohmann::json DataSplit::toJson() const {
    nlohmann::json j = settings_.toJson();
    j["sizes"] = {{"weights", weights_.size(0)},
                  {"theta", theta_.size(0)},
                  {"validation", validation_.size(0)}};
    j["validation_is_theta"] = validationIsTheta();
    j["method"] = "mt19937_64 Fisher-Yates permutation: validation, then theta, then weights";
    return j;
}

} // namespace dnas
