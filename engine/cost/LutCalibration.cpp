// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cost/LutCalibration.h"
#include "engine/util/JsonFile.h"

#include <algorithm>

namespace dnas {

double LutCalibration::apply(const std::string& op, double measuredUs) const {
    const auto it = op_scale.find(op);
    const double scale = it == op_scale.end() ? 1.0 : it->second;
    return std::max(0.0, scale * measuredUs + per_block_us);
}

nlohmann::json LutCalibration::toJson() const {
    return {{"op_scale", op_scale},
            {"per_block_us", per_block_us},
            {"networks", networks},
            {"threads", threads},
            {"batch", batch},
            {"drift", drift},
            {"before",
             {{"median_rel_err", before_median_rel_err},
              {"share_within_10pct", before_share_within_10pct}}},
            {"after",
             {{"median_rel_err", after_median_rel_err},
              {"share_within_10pct", after_share_within_10pct}}}};
}

LutCalibration LutCalibration::fromJson(const JsonReader& r) {
    LutCalibration c;
    const JsonReader scales = r.at("op_scale");
    if (!scales.json().is_object())
        r.fail("op_scale", "expected an object of op name -> scale");
    for (const auto& [op, value] : scales.json().items()) {
        const double s = scales.getDouble(op);
        if (!(s >= kMinScale && s <= kMaxScale))
            scales.fail(op, "scale " + std::to_string(s) + " is outside [" +
                                std::to_string(kMinScale) + ", " + std::to_string(kMaxScale) +
                                "]; calibrate again");
        c.op_scale[op] = s;
    }
    c.per_block_us = r.getDouble("per_block_us");
    c.networks = r.getInt("networks", 0);
    c.threads = r.getInt("threads", 0);
    c.batch = r.getInt("batch", 1);
    c.drift = r.getDouble("drift", 1.0); // absent in calibrations made before the anchor
    if (!(c.drift >= kMinScale && c.drift <= kMaxScale))
        r.fail("drift", "drift " + std::to_string(c.drift) + " is outside [" +
                            std::to_string(kMinScale) + ", " + std::to_string(kMaxScale) + "]");
    if (r.has("before")) {
        const JsonReader b = r.at("before");
        c.before_median_rel_err = b.getDouble("median_rel_err", 0.0);
        c.before_share_within_10pct = b.getDouble("share_within_10pct", 0.0);
    }
    if (r.has("after")) {
        const JsonReader a = r.at("after");
        c.after_median_rel_err = a.getDouble("median_rel_err", 0.0);
        c.after_share_within_10pct = a.getDouble("share_within_10pct", 0.0);
    }
    return c;
}

} // namespace dnas
