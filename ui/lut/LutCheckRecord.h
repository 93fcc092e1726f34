// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/cost/LutChecker.h"

#include <QDateTime>
#include <QString>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace dnas::ui {

// The summary of a LUT's last check, kept in the LUT file (provenance.last_check) so the study
// shows how well its table predicted this machine when it is opened again. NaN stands for an
// undefined statistic (ties, no net timed twice) and is written as null.
struct LutCheckRecord {
    // The key in LatencyTable::provenance.
    static constexpr const char* kKey = "last_check";

    QDateTime when; // UTC
    std::string space;
    int networks = 0;
    bool calibrated = false; // the space's calibrated view was checked
    int threads = 0, batch = 1;
    double share_within = 0.0, median_rel_err = 0.0, p90_rel_err = 0.0;
    double kendall_tau = 0.0, noise_floor = 0.0;

    static LutCheckRecord of(const LutCheckReport& report, const std::string& space,
                             bool calibrated, int threads, int batch, const QDateTime& when);

    nlohmann::json toJson() const;
    // nullopt when the provenance holds none; throws DnasError naming `file` and the field
    // (provenance.last_check.<field>) when it is malformed.
    static std::optional<LutCheckRecord> from(const nlohmann::json& provenance,
                                              const std::string& file);

    // "within ±10 %: 93 % · median 3.1 % · p90 8.9 % · Kendall τ 0.93 · noise floor 1.2 % ·
    // 30 nets" (the check's numbers, without date or space).
    QString summary() const;
};

} // namespace dnas::ui
