// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/cost/LutChecker.h"

#include <QDateTime>
#include <QString>
#include <limits>
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
    double retest_tau = 0.0; // NaN in records written before it was kept
    // The machine's drift during the check (#21: the anchor timed beside the nets against the
    // one stored with the LUT), kept as `dnas lut check --json` writes it under "drift", so a
    // reopened check still tells the machine's slowness from the table's error. nullopt in
    // records written before the anchor.
    std::optional<LutDrift> drift;
    // LutCheckReport::driftCorrected()'s share within ±10 %, median and p90 error (the LUT's sums
    // times the drift); NaN unless drift->known().
    double corrected_share_within = std::numeric_limits<double>::quiet_NaN();
    double corrected_median_rel_err = std::numeric_limits<double>::quiet_NaN();
    double corrected_p90_rel_err = std::numeric_limits<double>::quiet_NaN();

    static LutCheckRecord of(const LutCheckReport& report, const std::string& space,
                             bool calibrated, int threads, int batch, const QDateTime& when);

    nlohmann::json toJson() const;
    // nullopt when the provenance holds none; throws DnasError naming `file` and the field
    // (provenance.last_check.<field>, provenance.last_check.drift.<field>) when it is malformed.
    static std::optional<LutCheckRecord> from(const nlohmann::json& provenance,
                                              const std::string& file);

    // "within ±10 %: 93 % · median 3.1 % · p90 8.9 % · Kendall τ 0.93 · noise floor 1.2 % ·
    // 30 nets · retest τ 0.95" (the check's numbers, without date or space; the retest τ only
    // where the record has one).
    QString summary() const;
    // "machine drift ×1.083 (anchor now 1.234 ms / stored 1.140 ms, spread 2.1 % over 4 timings);
    // LUT × drift: within ±10 %: 95.0 % · median 3.0 % · p90 7.0 %", or why it is unknown;
    // empty for a record without a drift.
    QString driftSummary() const;
};

} // namespace dnas::ui
